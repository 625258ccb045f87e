package dev.errand.agent.commands;

import dev.errand.tools.AgentTool;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolName;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A chat command that maps straight to one tool: its words fill the tool's arguments in order, the last
 * argument taking the rest of the line, e.g. {@code /refund 8812 20.00 CNY parcel lost} →
 * {@code refund_payment {"orderId":"8812","amount":"20.00","currency":"CNY","reason":"parcel lost"}}.
 * Declared on the tool with {@link SlashCommand}.
 */
public record Command(String name, ToolName tool, List<String> arguments, String summary) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(summary, "summary");
        arguments = List.copyOf(arguments);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command name '" + name
                    + "' must be lower case letters, digits, '-' or '_', at most 32 characters");
        }
        if (name.equals(CommandAgent.HELP)) {
            throw new IllegalArgumentException("/" + CommandAgent.HELP + " is built in");
        }
        if (new HashSet<>(arguments).size() != arguments.size()) {
            throw new IllegalArgumentException("/" + name + " names an argument twice: " + arguments);
        }
    }

    /** The command {@code tool} declares, checked against its argument record; empty if it declares none. */
    public static Optional<Command> of(AgentTool<?, ?> tool) {
        return tool.slashCommand().map(declared -> {
            RecordComponent[] components = tool.argumentsType().getRecordComponents();
            List<String> arguments = declared.arguments().length == 0
                    ? Arrays.stream(components).map(RecordComponent::getName).toList()
                    : List.of(declared.arguments());
            Set<String> known = new HashSet<>();
            Arrays.stream(components).forEach(component -> known.add(component.getName()));
            for (String argument : arguments) {
                if (!known.contains(argument)) {
                    throw new IllegalArgumentException("/" + declared.name() + " of " + tool.name()
                            + " names '" + argument + "', which is not an argument of the tool");
                }
            }
            for (RecordComponent component : components) {
                // a required argument the command cannot fill would make every use of it fail
                if (component.getType() != Optional.class && !arguments.contains(component.getName())) {
                    throw new IllegalArgumentException("/" + declared.name() + " of " + tool.name()
                            + " does not fill the required argument '" + component.getName() + "'");
                }
            }
            return new Command(declared.name(), tool.name(), arguments, declared.summary());
        });
    }

    public String usage() {
        StringBuilder usage = new StringBuilder("/").append(name);
        // orderId reads as <order id>
        arguments.forEach(a -> usage.append(" <").append(a.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT))
                .append('>'));
        return usage.toString();
    }
}
