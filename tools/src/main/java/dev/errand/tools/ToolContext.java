package dev.errand.tools;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling a tool and where in which run: the employee's tenant and id, the run and the step.
 * A step's idempotency key derives from (run, step), so a re-executed step repeats the same key.
 */
public record ToolContext(String tenant, String employee, UUID runId, int step) {
    public ToolContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(employee, "employee");
        Objects.requireNonNull(runId, "runId");
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, was " + step);
        }
    }

    /** The key every side effect of this step sends to the provider. */
    public String idempotencyKey() {
        return runId + ":" + step;
    }
}
