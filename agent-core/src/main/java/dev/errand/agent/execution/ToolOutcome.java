package dev.errand.agent.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.tools.ToolResult;

/** What came of one tool call; every possible outcome is listed here. */
public sealed interface ToolOutcome {

    /** The tool ran and returned a result; {@code json} is what the model and the journal see. */
    record Succeeded(ToolResult result, JsonNode json) implements ToolOutcome {
    }

    /** The call was refused before running: unknown tool or arguments that do not fit its schema. */
    record Rejected(String reason) implements ToolOutcome {
    }

    /** The tool ran and failed; {@code message} is fit for the employee. */
    record Failed(String message, boolean retryable) implements ToolOutcome {
    }
}
