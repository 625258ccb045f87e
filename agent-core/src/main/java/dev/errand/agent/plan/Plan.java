package dev.errand.agent.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the model (or a slash command) proposes to do: tool calls with their dependencies. A plan is
 * data: it is stored with the run, judged by policy as a whole before anything runs, and shown to admins.
 * Build one with {@link PlanParser}, which checks its shape.
 */
public record Plan(List<PlanStep> steps, String note) {
    public Plan {
        steps = List.copyOf(steps);
    }

    /** A plan of one step without dependencies, as slash commands and direct tool calls make. */
    public static Plan single(String id, String tool, ObjectNode arguments) {
        return new Plan(List.of(new PlanStep(id, tool, arguments, List.of())), null);
    }

    /** The plan as {@code submit_plan} takes it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("steps");
        for (PlanStep step : steps) {
            ObjectNode s = array.addObject().put("id", step.id()).put("tool", step.tool());
            s.set("arguments", step.arguments().deepCopy());
            ArrayNode after = s.putArray("after");
            step.after().forEach(after::add);
        }
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }

    public PlanStep step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id));
    }
}
