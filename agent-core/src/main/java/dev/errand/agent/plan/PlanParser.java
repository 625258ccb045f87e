package dev.errand.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the argument of {@code submit_plan} into a {@link Plan}, or says which field is wrong: steps are
 * present and at most {@code maxSteps}; ids are short, unique and not reserved; {@code after} names
 * earlier-declared or later steps of this plan without cycles; references point only at steps the
 * referring step runs after.
 */
public final class PlanParser {
    /** Step ids: short and plain, so the run's journal ids and idempotency keys stay short. */
    static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");
    private static final Set<String> RESERVED = Set.of("plan", "policy", "reply", "deliver", "approval", "notice");
    private static final Set<String> FIELDS = Set.of("steps", "note");
    private static final Set<String> STEP_FIELDS = Set.of("id", "tool", "arguments", "after");

    private final int maxSteps;

    public PlanParser(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    public Plan parse(JsonNode json) throws InvalidPlanException {
        if (json == null || !json.isObject()) {
            throw new InvalidPlanException("the plan must be a JSON object with \"steps\"");
        }
        for (String field : iterable(json.fieldNames())) {
            if (!FIELDS.contains(field)) {
                throw new InvalidPlanException(field + ": unknown field (a plan has steps and note)");
            }
        }
        JsonNode steps = json.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new InvalidPlanException("steps: at least one step is required");
        }
        if (steps.size() > maxSteps) {
            throw new InvalidPlanException("steps: at most " + maxSteps + " steps per plan, got " + steps.size());
        }
        JsonNode note = json.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw new InvalidPlanException("note: must be a string");
        }
        List<PlanStep> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = step(steps.get(i), "steps[" + i + "]");
            if (!ids.add(step.id())) {
                throw new InvalidPlanException("steps[" + i + "].id: '" + step.id() + "' is used twice");
            }
            parsed.add(step);
        }
        Map<String, PlanStep> byId = new HashMap<>();
        parsed.forEach(s -> byId.put(s.id(), s));
        for (int i = 0; i < parsed.size(); i++) {
            PlanStep step = parsed.get(i);
            for (String dependency : step.after()) {
                if (!byId.containsKey(dependency)) {
                    throw new InvalidPlanException("steps[" + i + "].after: no step '" + dependency + "' in this plan");
                }
            }
        }
        Map<String, Set<String>> before = new HashMap<>();
        for (PlanStep step : parsed) {
            before.put(step.id(), ancestors(step, byId, new LinkedHashSet<>()));
        }
        for (int i = 0; i < parsed.size(); i++) {
            PlanStep step = parsed.get(i);
            for (String referenced : References.in(step.arguments(), "steps[" + i + "].arguments")) {
                if (!before.get(step.id()).contains(referenced)) {
                    throw new InvalidPlanException("steps[" + i + "].arguments: refers to step '" + referenced
                            + "', which is not a step of this plan that " + step.id() + " runs after");
                }
            }
        }
        return new Plan(parsed, note == null || note.isNull() ? null : note.asText());
    }

    private static Set<String> ancestors(PlanStep step, Map<String, PlanStep> byId, Set<String> visiting)
            throws InvalidPlanException {
        if (!visiting.add(step.id())) {
            throw new InvalidPlanException("steps: the steps' after lists form a cycle through '" + step.id() + "'");
        }
        Set<String> all = new LinkedHashSet<>();
        for (String dependency : step.after()) {
            all.add(dependency);
            all.addAll(ancestors(byId.get(dependency), byId, visiting));
        }
        visiting.remove(step.id());
        return all;
    }

    private static PlanStep step(JsonNode json, String path) throws InvalidPlanException {
        if (json == null || !json.isObject()) {
            throw new InvalidPlanException(path + ": must be an object with id, tool, arguments and after");
        }
        for (String field : iterable(json.fieldNames())) {
            if (!STEP_FIELDS.contains(field)) {
                throw new InvalidPlanException(path + "." + field + ": unknown field (a step has id, tool, arguments, after)");
            }
        }
        String id = text(json, "id", path);
        if (!STEP_ID.matcher(id).matches() || RESERVED.contains(id) || id.matches("m[0-9]+") || id.matches("p[0-9]+")) {
            throw new InvalidPlanException(path + ".id: '" + abbreviate(id)
                    + "' is not a step id (a letter then up to 15 letters, digits or '_', e.g. s1)");
        }
        String tool = text(json, "tool", path);
        JsonNode arguments = json.get("arguments");
        if (arguments == null || arguments.isNull()) {
            arguments = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!arguments.isObject()) {
            throw new InvalidPlanException(path + ".arguments: must be an object");
        }
        List<String> after = new ArrayList<>();
        JsonNode afterJson = json.get("after");
        if (afterJson != null && !afterJson.isNull()) {
            if (!afterJson.isArray()) {
                throw new InvalidPlanException(path + ".after: must be an array of step ids");
            }
            for (JsonNode dependency : afterJson) {
                if (!dependency.isTextual()) {
                    throw new InvalidPlanException(path + ".after: must be an array of step ids");
                }
                after.add(dependency.asText());
            }
        }
        return new PlanStep(id, tool, (ObjectNode) arguments, after);
    }

    private static String text(JsonNode json, String field, String path) throws InvalidPlanException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidPlanException(path + "." + field + ": a non-empty string is required");
        }
        return value.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
