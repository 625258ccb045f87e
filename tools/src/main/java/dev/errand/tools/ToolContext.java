package dev.errand.tools;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who is calling a tool and where in which run: the employee's tenant and id, the run and the step's
 * stable id (a plan's step id such as {@code s1}). The idempotency key derives from (run, step id) only,
 * so a step re-executed after a crash, a retry or a takeover by another node repeats the same key.
 */
public record ToolContext(String tenant, String employee, UUID runId, String stepId) {
    /** Step ids are short and plain so that the key fits providers' limits (Alipay: 64 characters). */
    public static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,30}");

    public ToolContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(employee, "employee");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stepId, "stepId");
        if (!STEP_ID.matcher(stepId).matches()) {
            throw new IllegalArgumentException("stepId must match " + STEP_ID + ", was '" + stepId + "'");
        }
    }

    /** The key every side effect of this step sends to the provider: at most 64 characters. */
    public String idempotencyKey() {
        return idempotencyKey(runId, stepId);
    }

    /** The key of step {@code stepId} of run {@code runId}; the one derivation the journal and tools share. */
    public static String idempotencyKey(UUID runId, String stepId) {
        return runId.toString().replace("-", "") + "-" + stepId;
    }
}
