package dev.errand.agent.commands;

import dev.errand.tools.ToolName;
import java.util.List;
import java.util.Objects;

/**
 * A chat command that maps straight to one tool: its words fill the tool's arguments in order, the last
 * argument taking the rest of the line, e.g. {@code /refund 8812 20.00 CNY parcel lost} →
 * {@code refund_payment {"orderId":"8812","amount":"20.00","currency":"CNY","reason":"parcel lost"}}.
 */
public record SlashCommand(String name, ToolName tool, List<String> arguments, String summary) {
    public SlashCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command takes at least one argument");
        }
    }

    public String usage() {
        StringBuilder usage = new StringBuilder("/").append(name);
        // orderId reads as <order id>
        arguments.forEach(a -> usage.append(" <").append(a.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT))
                .append('>'));
        return usage.toString();
    }
}
