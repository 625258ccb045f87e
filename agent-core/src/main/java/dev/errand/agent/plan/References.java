package dev.errand.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References from a step's arguments to earlier results: {@code ${steps.<id>.result.<path>}}. A string
 * that is exactly one reference becomes the referenced value (keeping its JSON type); a reference inside a
 * longer string is replaced by the value's text.
 */
public final class References {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{steps\\.([A-Za-z][A-Za-z0-9_]*)\\.result((?:\\.[A-Za-z0-9_]+)*)}");
    private static final Pattern LOOSE = Pattern.compile("\\$\\{");

    private References() {
    }

    /** The ids of the steps {@code arguments} refer to. */
    public static Set<String> in(JsonNode arguments) throws InvalidPlanException {
        return in(arguments, "arguments");
    }

    /** As {@link #in(JsonNode)}, naming {@code path} (e.g. {@code steps[1].arguments}) in errors. */
    public static Set<String> in(JsonNode arguments, String path) throws InvalidPlanException {
        Set<String> ids = new LinkedHashSet<>();
        collect(arguments, path, ids);
        return ids;
    }

    public static boolean any(JsonNode arguments) {
        try {
            return !in(arguments).isEmpty();
        } catch (InvalidPlanException e) {
            return true;
        }
    }

    private static void collect(JsonNode node, String path, Set<String> ids) throws InvalidPlanException {
        if (node.isTextual()) {
            String text = node.asText();
            Matcher m = REFERENCE.matcher(text);
            int found = 0;
            while (m.find()) {
                ids.add(m.group(1));
                found++;
            }
            int opened = 0;
            Matcher loose = LOOSE.matcher(text);
            while (loose.find()) {
                opened++;
            }
            if (opened != found) {
                throw new InvalidPlanException(path + ": a reference must read ${steps.<id>.result.<field>}");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), path + "." + field.getKey(), ids);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", ids);
            }
        }
    }

    /** {@code arguments} with every reference replaced by the value it names in {@code results}. */
    public static JsonNode resolve(JsonNode arguments, Map<String, JsonNode> results) throws UnresolvedReferenceException {
        if (arguments.isTextual()) {
            String text = arguments.asText();
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                return lookup(whole, results).deepCopy();
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode value = lookup(m, results);
                m.appendReplacement(out, Matcher.quoteReplacement(value.isValueNode() ? value.asText() : value.toString()));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (arguments.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : arguments.properties()) {
                copy.set(field.getKey(), resolve(field.getValue(), results));
            }
            return copy;
        }
        if (arguments.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : arguments) {
                copy.add(resolve(element, results));
            }
            return copy;
        }
        return arguments.deepCopy();
    }

    private static JsonNode lookup(Matcher m, Map<String, JsonNode> results) throws UnresolvedReferenceException {
        JsonNode value = results.get(m.group(1));
        if (value == null) {
            throw new UnresolvedReferenceException(m.group() + ": step " + m.group(1) + " has no result");
        }
        String path = m.group(2);
        if (!path.isEmpty()) {
            for (String field : path.substring(1).split("\\.")) {
                value = value.isArray() && field.chars().allMatch(Character::isDigit)
                        ? value.path(Integer.parseInt(field)) : value.path(field);
            }
        }
        if (value.isMissingNode() || value.isNull()) {
            throw new UnresolvedReferenceException(m.group() + ": the result of " + m.group(1) + " has no" + path);
        }
        return value;
    }

    /** A reference whose step has no result or whose result lacks the field. */
    public static final class UnresolvedReferenceException extends Exception {
        public UnresolvedReferenceException(String message) {
            super(message, null, false, false);
        }
    }
}
