package dev.errand.agent.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A request to run one tool with JSON arguments, from a slash command or from the model. */
public record ToolCall(String toolName, JsonNode arguments) {
    public ToolCall {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
    }
}
