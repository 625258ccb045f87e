package dev.errand.workflows.engine;

import java.util.UUID;

/** Another worker recorded this step first; this worker's result is dropped and the recorded one stands. */
public final class StepConflictException extends RuntimeException {
    private final UUID runId;
    private final String stepId;

    public StepConflictException(UUID runId, String stepId) {
        super("step " + stepId + " of run " + runId + " was recorded by another worker", null, false, false);
        this.runId = runId;
        this.stepId = stepId;
    }

    public UUID runId() {
        return runId;
    }

    public String stepId() {
        return stepId;
    }
}
