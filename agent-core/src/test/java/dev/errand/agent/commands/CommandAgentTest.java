package dev.errand.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
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
        ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(shop),
                new GetPaymentTool(new DemoPaymentsConnector())));
        return new CommandAgent(new PlanRunner(new ToolExecutor(catalog), new PolicyEngine()));
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
    void should_list_order_payment_and_help_on_help() {
        Reply reply = agent.handle("/help", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Errand help");
        assertThat(reply.text())
                .contains("`/order <order id>`")
                .contains("`/payment <order id>`")
                .contains("`/help`");
        assertThat(reply.text().indexOf("/order")).isLessThan(reply.text().indexOf("/payment"));
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_accept_help_in_any_case() {
        assertThat(agent.handle("/HELP", run)).isEqualTo(CommandAgent.help());
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

    /** The journaled tool calls, without the model calls. */
    private java.util.List<InMemoryStepJournal.Entry> toolSteps() {
        return journal.entries().stream().filter(e -> !e.name().equals("model") && !e.name().equals("plan")).toList();
    }
}
