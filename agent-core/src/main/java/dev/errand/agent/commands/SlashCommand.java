package dev.errand.agent.commands;

import dev.errand.tools.ToolName;
import java.util.Objects;

/**
 * A chat command that maps straight to one tool with one argument, e.g. {@code /order 8812} →
 * {@code get_order {"orderId":"8812"}}.
 */
public record SlashCommand(String name, String argumentLabel, ToolName tool, String argumentName, String summary) {
    public SlashCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argumentName, "argumentName");
    }

    public String usage() {
        return "/" + name + " <" + argumentLabel + ">";
    }
}
