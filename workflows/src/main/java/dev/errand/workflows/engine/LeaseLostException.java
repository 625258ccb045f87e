package dev.errand.workflows.engine;

import java.util.UUID;

/**
 * This worker no longer holds the run's lease (it expired and another worker claimed the run, or the
 * run ended): whatever it was about to record is dropped, and the run's current holder carries on.
 */
public final class LeaseLostException extends RuntimeException {
    private final UUID runId;

    public LeaseLostException(UUID runId) {
        super("lost the lease of run " + runId, null, false, false);
        this.runId = runId;
    }

    public UUID runId() {
        return runId;
    }
}
