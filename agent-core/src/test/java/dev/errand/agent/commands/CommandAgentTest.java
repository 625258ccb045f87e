package dev.errand.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.errand.tools.payments.RefundPaymentTool;
import java.util.List;
import java.util.UUID;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.policy.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandAgentTest {
    private final InMemoryStepJournal journal = new InMemoryStepJournal();
    private final CommandAgent agent = agentWith(new DemoShopConnector());
    private final RunContext run = TestRuns.run(TestRuns.alice("get_order", "get_payment", "refund_payment", "probe", "echo", "lookup"), journal);

    private CommandAgent agentWith(ShopConnector shop) {
        // listed out of order on purpose: the commands come out sorted by name whatever the catalog got
        return agentWith(new RefundPaymentTool(new DemoPaymentsConnector()),
                new GetPaymentTool(new DemoPaymentsConnector()), new GetOrderTool(shop));
    }

    private static CommandAgent agentWith(AgentTool<?, ?>... tools) {
        ToolCatalog catalog = new ToolCatalog(List.of(tools));
        return new CommandAgent(catalog, new PlanRunner(new ToolExecutor(catalog), new PolicyEngine()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/order 8812", "  /help", "/x"})
    void should_recognize_text_starting_with_a_slash_as_a_command(String text) {
        assertThat(CommandAgent.isCommand(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"where is order 8812?", "order/8812", ""})
    void should_not_treat_other_text_as_a_command(String text) {
        assertThat(CommandAgent.isCommand(text)).isFalse();
    }

    @Test
    void should_list_the_commands_the_tools_declare_by_name_then_help() {
        Reply reply = agent.handle("/help", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Errand help");
        assertThat(reply.text()).isEqualTo("""
                **Errand commands**
                - `/order <order id>`: look up an order: status, items, amount, buyer
                - `/payment <order id>`: find the payment of an order
                - `/refund <order id> <amount> <currency> <reason>`: refund (part of) an order's payment, \
                e.g. `/refund 8812 20.00 CNY parcel lost`; above your limit it waits for approval
                - `/help`: this list
                """);
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_list_only_the_commands_of_the_catalog_tools() {
        CommandAgent ordersOnly = agentWith(new GetOrderTool(new DemoShopConnector()));

        assertThat(ordersOnly.commands()).extracting(Command::name).containsExactly("order");
        assertThat(ordersOnly.help().text()).doesNotContain("/payment").doesNotContain("/refund");
        assertThat(ordersOnly.handle("/payment 8812", run).text()).startsWith("Unknown command `/payment`.");
    }

    @Test
    void should_accept_help_in_any_case() {
        assertThat(agent.handle("/HELP", run)).isEqualTo(agent.help());
    }

    @Test
    void should_run_a_command_declared_on_a_tool_with_its_words_typed_by_the_schema() {
        CommandAgent echo = agentWith(new EchoTool());

        Reply reply = echo.handle("/echo 3 hello  world", run);

        assertThat(reply.text()).contains("hello  world hello  world hello  world");
        assertThat(toolSteps()).singleElement().satisfies(step ->
                assertThat(step.input().toString()).isEqualTo("{\"times\":3,\"text\":\"hello  world\"}"));
    }

    @Test
    void should_leave_a_word_that_is_no_integer_to_the_schema_to_refuse() {
        Reply reply = agentWith(new EchoTool()).handle("/echo three hello", run);

        assertThat(reply.text()).startsWith("Cannot run /echo <times> <text>: ").contains("times");
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_refuse_a_command_naming_an_argument_the_tool_does_not_have() {
        assertThatThrownBy(() -> agentWith(new MisnamedTool()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/misnamed of misnamed names 'count', which is not an argument of the tool");
    }

    @Test
    void should_refuse_a_command_leaving_a_required_argument_unfilled() {
        assertThatThrownBy(() -> agentWith(new PartialTool()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fill the required argument 'text'");
    }

    @Test
    void should_refuse_two_tools_declaring_the_same_command() {
        assertThatThrownBy(() -> agentWith(new EchoTool(), new OtherEchoTool()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/echo is declared by both echo and lookup");
    }

    @Test
    void should_refuse_a_tool_claiming_help() {
        assertThatThrownBy(() -> agentWith(new HelpTool()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/help is built in");
    }

    @Test
    void should_answer_order_with_markdown_title_status_amount_and_demo_notice() {
        Reply reply = agent.handle("/order 8812", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Order 8812");
        assertThat(reply.text())
                .contains("WAIT_SELLER_SEND_GOODS")
                .contains("Ceramic mug × 2 at 60.00 CNY")
                .contains("- Amount: 120.00 CNY")
                .contains("li***lei")
                .endsWith(DemoNotice.TEXT);
        assertThat(toolSteps()).extracting(InMemoryStepJournal.Entry::name).containsExactly("get_order");
        assertThat(toolSteps().get(0).input().toString()).isEqualTo("{\"orderId\":\"8812\"}");
    }

    @Test
    void should_tolerate_extra_whitespace_around_the_argument() {
        Reply reply = agent.handle("  /order   8813  ", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Order 8813");
    }

    @Test
    void should_not_add_the_demo_notice_to_live_data() {
        ShopConnector live = new ShopConnector() {
            private final DemoShopConnector data = new DemoShopConnector();

            @Override
            public Order order(OrderId id) {
                return data.order(id);
            }

            @Override
            public DataOrigin origin() {
                return DataOrigin.LIVE;
            }
        };

        Reply reply = agentWith(live).handle("/order 8812", run);

        assertThat(reply.text()).contains("120.00 CNY").doesNotContain(DemoNotice.TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/order", "/order   ", "/order 88 12"})
    void should_explain_usage_when_order_id_is_missing_or_split(String text) {
        Reply reply = agent.handle(text, run);

        assertThat(reply).isEqualTo(new Reply.Text("Usage: /order <order id>"));
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_explain_usage_of_payment_without_order_id() {
        assertThat(agent.handle("/payment", run)).isEqualTo(new Reply.Text("Usage: /payment <order id>"));
    }

    @Test
    void should_say_an_unknown_order_was_not_found() {
        Reply reply = agent.handle("/order 999", run);

        assertThat(reply).isEqualTo(new Reply.Text("Order 999 not found."));
        assertThat(reply.text()).doesNotContain(DemoNotice.TEXT);
    }

    @Test
    void should_refuse_an_order_id_with_illegal_characters_with_the_reason() {
        Reply reply = agent.handle("/order ../x", run);

        assertThat(reply).isInstanceOf(Reply.Text.class);
        assertThat(reply.text())
                .startsWith("Cannot run /order <order id>: ")
                .contains("order id '../x' must be 1-64 letters, digits, '-' or '_'");
    }

    @Test
    void should_answer_an_unknown_command_with_the_help() {
        Reply reply = agent.handle("/frobnicate 8812", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Unknown command");
        assertThat(reply.text())
                .startsWith("Unknown command `/frobnicate`.")
                .contains("`/order <order id>`")
                .contains("`/help`");
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_treat_a_lone_slash_as_an_unknown_command() {
        Reply reply = agent.handle("/", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Unknown command");
    }

    @Test
    void should_answer_payment_with_trade_number_status_amount_and_demo_notice() {
        Reply reply = agent.handle("/payment 8812", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Payment of order 8812");
        assertThat(reply.text())
                .contains("2026112622001400001")
                .contains("TRADE_SUCCESS")
                .contains("120.00 CNY")
                .endsWith(DemoNotice.TEXT);
        assertThat(toolSteps()).extracting(InMemoryStepJournal.Entry::name).containsExactly("get_payment");
    }

    @Test
    void should_say_a_missing_payment_was_not_found() {
        assertThat(agent.handle("/payment 999", run)).isEqualTo(new Reply.Text("No payment found for order 999."));
    }

    record EchoArgs(int times, String text) {
    }

    record Echoed(String text) implements ToolResult {
        @Override
        public String title() {
            return "Echo";
        }

        @Override
        public String markdown() {
            return text;
        }

        @Override
        public DataOrigin origin() {
            return DataOrigin.LIVE;
        }
    }

    /** A test tool: its command is all it declares beyond the tool itself. */
    abstract static class TestTool implements AgentTool<EchoArgs, Echoed> {
        private final String name;

        TestTool(String name) {
            this.name = name;
        }

        @Override
        public ToolName name() {
            return ToolName.of(name);
        }

        @Override
        public String description() {
            return "Repeat a text.";
        }

        @Override
        public Class<EchoArgs> argumentsType() {
            return EchoArgs.class;
        }

        @Override
        public Class<Echoed> resultType() {
            return Echoed.class;
        }

        @Override
        public Echoed call(EchoArgs arguments, ToolContext context) {
            return new Echoed(String.join(" ", java.util.Collections.nCopies(arguments.times(), arguments.text())));
        }
    }

    @SlashCommand(name = "echo", summary = "repeat a text")
    static final class EchoTool extends TestTool {
        EchoTool() {
            super("echo");
        }
    }

    @SlashCommand(name = "echo", summary = "repeat a text too")
    static final class OtherEchoTool extends TestTool {
        OtherEchoTool() {
            super("lookup");
        }
    }

    @SlashCommand(name = "misnamed", arguments = {"count", "text"}, summary = "names a wrong argument")
    static final class MisnamedTool extends TestTool {
        MisnamedTool() {
            super("misnamed");
        }
    }

    @SlashCommand(name = "partial", arguments = "times", summary = "leaves text out")
    static final class PartialTool extends TestTool {
        PartialTool() {
            super("partial");
        }
    }

    @SlashCommand(name = "help", summary = "claims help")
    static final class HelpTool extends TestTool {
        HelpTool() {
            super("probe");
        }
    }

    /** The journaled tool calls, without the model calls. */
    private java.util.List<InMemoryStepJournal.Entry> toolSteps() {
        return journal.entries().stream().filter(e -> !e.name().equals("model") && !e.name().equals("plan")).toList();
    }
}
