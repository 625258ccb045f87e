package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.tools.ToolContext;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code wf_step}, primary key (run, step id).
 *
 * @param status {@code SUCCEEDED} or {@code FAILED} (final), {@code RETRYING} (an attempt failed and the
 *     next is due), {@code WAITING} (for a signal or a timer)
 */
public record StepRecord(UUID runId, String stepId, String name, JsonNode input, String status, JsonNode output,
        String errorKind, String error, boolean retryable, int attempts, Instant startedAt, Instant finishedAt) {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String RETRYING = "RETRYING";
    public static final String WAITING = "WAITING";

    public boolean isFinal() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    /** The key the step's side effects carry: the same on every re-execution. */
    public String idempotencyKey() {
        return ToolContext.idempotencyKey(runId, stepId);
    }
}
