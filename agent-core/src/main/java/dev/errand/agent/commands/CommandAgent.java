package dev.errand.agent.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.plan.Plan;
import dev.errand.agent.plan.PlanOutcome;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.reply.Replies;
import dev.errand.agent.run.RunContext;
import dev.errand.tools.orders.GetLogisticsTool;
import dev.errand.tools.orders.GetOrderRefundsTool;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.ListOrdersTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.errand.tools.payments.RefundPaymentTool;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs slash commands: each is a one-step plan, judged by the same policy and run by the same executor
 * as the model's plans.
 */
public final class CommandAgent {

    /** The built-in commands, in the order {@code /help} lists them. */
    public static final List<SlashCommand> COMMANDS = List.of(
            new SlashCommand("order", GetOrderTool.NAME, List.of("orderId"),
                    "look up an order: status, items, amount, buyer"),
            new SlashCommand("payment", GetPaymentTool.NAME, List.of("orderId"), "find the payment of an order"),
            new SlashCommand("refund", RefundPaymentTool.NAME, List.of("orderId", "amount", "currency", "reason"),
                    "refund (part of) an order's payment, e.g. `/refund 8812 20.00 CNY parcel lost`; above your "
                            + "limit it waits for approval"),
            new SlashCommand("orders", ListOrdersTool.NAME, List.of("status"),
                    "the newest orders in a status, e.g. `/orders WAIT_BUYER_CONFIRM_GOODS` (shipped)"),
            new SlashCommand("refunds", GetOrderRefundsTool.NAME, List.of("orderId"), "the refund requests of an order"),
            new SlashCommand("track", GetLogisticsTool.NAME, List.of("orderId"), "track the parcel of an order"));

    /** A slash command is a one-step plan; its step has the id a plan's first step would have. */
    static final String STEP = "s1";

    private final PlanRunner plans;

    public CommandAgent(PlanRunner plans) {
        this.plans = plans;
    }

    public static boolean isCommand(String text) {
        return text.strip().startsWith("/");
    }

    public Reply handle(String text, RunContext run) {
        String[] words = text.strip().substring(1).split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (name.equals("help")) {
            return help();
        }
        Optional<SlashCommand> found = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            return new Reply.Markdown("Unknown command", "Unknown command `/" + name + "`.\n\n" + helpText());
        }
        SlashCommand command = found.get();
        int count = command.arguments().size();
        String[] values = rest.isEmpty() ? new String[0] : rest.split("\\s+", count);
        if (values.length != count || (count == 1 && values[0].contains(" "))) {
            return new Reply.Text("Usage: " + command.usage());
        }
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < count; i++) {
            arguments.put(command.arguments().get(i), values[i].strip());
        }
        PlanOutcome outcome = plans.run(Plan.single(STEP, command.tool().value(), arguments), "", run);
        return Replies.of(outcome, "Cannot run " + command.usage(), run);
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
}
