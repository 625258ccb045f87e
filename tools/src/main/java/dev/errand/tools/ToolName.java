package dev.errand.tools;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A tool's name as the model sees it: lower snake case, e.g. {@code get_order}. */
public record ToolName(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ToolName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("tool name '" + value + "' must be lower snake case, at most 64 characters");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ToolName of(String value) {
        return new ToolName(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
