package dev.errand.agent.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.plan.Plan;
import dev.errand.agent.plan.PlanOutcome;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.reply.Replies;
import dev.errand.agent.run.RunContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs slash commands: each is a one-step plan, judged by the same policy and run by the same executor
 * as the model's plans. The commands are those the catalog's tools declare; {@code /help} lists them by
 * name.
 */
public final class CommandAgent {
    static final String HELP = "help";

    /** A slash command is a one-step plan; its step has the id a plan's first step would have. */
    static final String STEP = "s1";

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private final ToolCatalog catalog;
    private final PlanRunner plans;
    private final Map<String, Command> commands;
    private final List<Command> listed;

    /** Fails when two tools declare the same command or a declaration does not fit its tool. */
    public CommandAgent(ToolCatalog catalog, PlanRunner plans) {
        this.catalog = catalog;
        this.plans = plans;
        Map<String, Command> byName = new LinkedHashMap<>();
        catalog.entries().stream()
                .flatMap(entry -> Command.of(entry.tool()).stream())
                .sorted(Comparator.comparing(Command::name))
                .forEach(command -> {
                    Command previous = byName.put(command.name(), command);
                    if (previous != null) {
                        throw new IllegalArgumentException("/" + command.name() + " is declared by both "
                                + previous.tool() + " and " + command.tool());
                    }
                });
        this.commands = Map.copyOf(byName);
        this.listed = List.copyOf(byName.values());
    }

    public static boolean isCommand(String text) {
        return text.strip().startsWith("/");
    }

    /** The commands, in the order {@code /help} lists them. */
    public List<Command> commands() {
        return listed;
    }

    public Reply handle(String text, RunContext run) {
        String[] words = text.strip().substring(1).split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (name.equals(HELP)) {
            return help();
        }
        Command command = commands.get(name);
        if (command == null) {
            return new Reply.Markdown("Unknown command", "Unknown command `/" + name + "`.\n\n" + helpText());
        }
        int count = command.arguments().size();
        String[] values = rest.isEmpty() ? new String[0] : rest.split("\\s+", count);
        if (values.length != count || (count == 1 && values[0].contains(" "))) {
            return new Reply.Text("Usage: " + command.usage());
        }
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < count; i++) {
            put(arguments, command, command.arguments().get(i), values[i].strip());
        }
        PlanOutcome outcome = plans.run(Plan.single(STEP, command.tool().value(), arguments), "", run);
        return Replies.of(outcome, "Cannot run " + command.usage(), run);
    }

    /** A word as the JSON type the tool's schema asks for; a word that does not fit stays text for the schema to refuse. */
    private void put(ObjectNode arguments, Command command, String argument, String value) {
        String type = catalog.find(command.tool())
                .map(entry -> entry.schema().path("properties").path(argument).path("type").asText(""))
                .orElse("");
        if (type.equals("integer") && INTEGER.matcher(value).matches()) {
            arguments.put(argument, Long.parseLong(value));
        } else if (type.equals("boolean") && (value.equals("true") || value.equals("false"))) {
            arguments.put(argument, Boolean.parseBoolean(value));
        } else {
            arguments.put(argument, value);
        }
    }

    public Reply help() {
        return new Reply.Markdown("Errand help", helpText());
    }

    String helpText() {
        StringBuilder md = new StringBuilder("**Errand commands**\n");
        for (Command command : listed) {
            md.append("- `").append(command.usage()).append("`: ").append(command.summary()).append('\n');
        }
        md.append("- `/help`: this list\n");
        return md.toString();
    }
}
