package dev.errand.agent.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One step of a plan: a tool call with its arguments (which may hold references such as
 * {@code "${steps.s1.result.amount.amount}"} to earlier results) and the steps it runs after.
 */
public record PlanStep(String id, String tool, ObjectNode arguments, List<String> after) {
    public PlanStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        arguments = arguments.deepCopy();
        after = List.copyOf(after);
    }
}
