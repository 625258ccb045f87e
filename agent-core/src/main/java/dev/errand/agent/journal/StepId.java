package dev.errand.agent.journal;

import dev.errand.tools.ToolContext;
import java.util.Objects;

/**
 * A step's stable id within its run: a plan's step id ({@code s1}), a model call ({@code m2}), a tool
 * call of a model call ({@code m2.t1}), a workflow's task path and iteration. The same step gets the
 * same id on every replay, so its recorded result is found and its idempotency key repeats.
 */
public record StepId(String value) {
    public StepId {
        Objects.requireNonNull(value, "value");
        if (!ToolContext.STEP_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("a step id must match " + ToolContext.STEP_ID + ", was '" + value + "'");
        }
    }

    public static StepId of(String value) {
        return new StepId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
