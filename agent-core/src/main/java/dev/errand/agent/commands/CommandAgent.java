package dev.errand.agent.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.execution.ToolCall;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs slash commands: each maps to one tool, through the same executor the model uses. */
public final class CommandAgent {

    /** The built-in commands, in the order {@code /help} lists them. */
    public static final List<SlashCommand> COMMANDS = List.of(
            new SlashCommand("order", "order id", GetOrderTool.NAME, "orderId",
                    "look up an order: status, items, amount, buyer"),
            new SlashCommand("payment", "order id", GetPaymentTool.NAME, "orderId",
                    "find the payment of an order"));

    /** A slash command is a one-step plan; its step has the id a plan's first step would have. */
    static final StepId STEP = StepId.of("s1");

    private final ToolExecutor executor;

    public CommandAgent(ToolExecutor executor) {
        this.executor = executor;
    }

    public static boolean isCommand(String text) {
        return text.strip().startsWith("/");
    }

    public Reply handle(String text, RunContext run) {
        String[] words = text.strip().substring(1).split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].strip() : "";
        if (name.equals("help")) {
            return help();
        }
        Optional<SlashCommand> command = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
        if (command.isEmpty()) {
            return new Reply.Markdown("Unknown command", "Unknown command `/" + name + "`.\n\n" + helpText());
        }
        if (argument.isEmpty() || argument.contains(" ")) {
            return new Reply.Text("Usage: " + command.get().usage());
        }
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put(command.get().argumentName(), argument);
        ToolOutcome outcome = executor.execute(STEP, new ToolCall(command.get().tool().value(), arguments), run);
        return render(outcome, command.get(), run);
    }

    private static Reply render(ToolOutcome outcome, SlashCommand command, RunContext run) {
        if (outcome instanceof ToolOutcome.Succeeded succeeded) {
            String text = succeeded.result().markdown().stripTrailing();
            return new Reply.Markdown(succeeded.result().title(), run.usedDemoData() ? DemoNotice.append(text) : text);
        }
        if (outcome instanceof ToolOutcome.Failed failed) {
            return new Reply.Text(capitalize(failed.message()) + ".");
        }
        if (outcome instanceof ToolOutcome.Rejected rejected) {
            return new Reply.Text("Cannot run " + command.usage() + ": " + rejected.reason());
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    public static Reply help() {
        return new Reply.Markdown("Errand help", helpText());
    }

    static String helpText() {
        StringBuilder md = new StringBuilder("**Errand commands**\n");
        for (SlashCommand command : COMMANDS) {
            md.append("- `").append(command.usage()).append("`: ").append(command.summary()).append('\n');
        }
        md.append("- `/help`: this list\n");
        return md.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
