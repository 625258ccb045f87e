package dev.errand.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolCall;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetLogisticsTool;
import dev.errand.tools.orders.GetOrderRefundsTool;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.ListOrdersTool;
import dev.errand.tools.orders.OrderListSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shop's list, refund and parcel tools through the executor, as slash commands and as model calls. */
class ShopCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoShopConnector shop = new DemoShopConnector();
    private final ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(shop),
            new ListOrdersTool(shop), new GetOrderRefundsTool(shop), new GetLogisticsTool(shop)));
    private final ToolExecutor executor = new ToolExecutor(catalog);
    private final CommandAgent agent = new CommandAgent(catalog, new PlanRunner(executor, new PolicyEngine()));
    private RunContext run = fresh();
    private int steps;

    /** A new run: a slash command is a plan of its own. */
    private RunContext fresh() {
        return TestRuns.run(TestRuns.alice("get_order", "list_orders", "get_order_refunds", "get_logistics"),
                new InMemoryStepJournal());
    }

    private Reply command(String text) {
        run = fresh();
        return agent.handle(text, run);
    }

    private ToolOutcome model(String tool, String arguments) throws Exception {
        return executor.execute(StepId.of("s" + (++steps)), new ToolCall(tool, JSON.readTree(arguments)), run);
    }

    @Test
    void should_list_orders_in_a_status_with_slash_orders() {
        Reply reply = command("/orders WAIT_BUYER_CONFIRM_GOODS");

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Orders WAIT_BUYER_CONFIRM_GOODS");
        assertThat(reply.text())
                .contains("- 8815 · WAIT_BUYER_CONFIRM_GOODS · 2680.00 CNY · created 2026-11-28 14:30 · zha***")
                .contains("- 8813 · WAIT_BUYER_CONFIRM_GOODS · 236.50 CNY")
                .doesNotContain("8812")
                .endsWith(DemoNotice.TEXT);
    }

    @Test
    void should_refuse_a_status_the_platform_does_not_have_naming_the_field() {
        Reply reply = command("/orders SHIPPED");

        assertThat(reply).isInstanceOf(Reply.Text.class);
        assertThat(reply.text()).startsWith("Cannot run /orders <status>: ").contains("status");
    }

    @Test
    void should_show_refunds_and_parcels_with_slash_refunds_and_track() {
        assertThat(command("/refunds 8814").text())
                .contains("### Refunds of order 8814", "349.00 CNY · SUCCESS");
        assertThat(command("/track 8815").text())
                .contains("SF Express, waybill SF1402938475612", "Out for delivery");
        assertThat(command("/track 8812").text()).contains("Not shipped yet.");
        assertThat(command("/track 999")).isEqualTo(new Reply.Text("Order 999 not found."));
    }

    @Test
    void should_list_the_new_commands_in_help_by_name() {
        assertThat(agent.help().text()).isEqualTo("""
                **Errand commands**
                - `/order <order id>`: look up an order: status, items, amount, buyer
                - `/orders <status>`: the newest orders in a status, e.g. `/orders WAIT_BUYER_CONFIRM_GOODS` (shipped)
                - `/refunds <order id>`: the refund requests of an order
                - `/track <order id>`: track the parcel of an order
                - `/help`: this list
                """);
    }

    @Test
    void should_run_a_model_call_with_a_time_range_and_page() throws Exception {
        ToolOutcome outcome = model("list_orders",
                "{\"createdFrom\":\"2026-11-27\",\"createdTo\":\"2026-11-28 23:59:59\",\"page\":1,\"pageSize\":1}");

        assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Succeeded.class, ok -> {
            OrderListSummary summary = (OrderListSummary) ok.result();
            assertThat(summary.orders()).extracting(o -> o.id().value()).containsExactly("8815");
            assertThat(summary.total()).isEqualTo(2);
            assertThat(summary.hasNext()).isTrue();
            assertThat(ok.json().at("/orders/0/payment/amount").asText()).isEqualTo("2680.00");
        });
    }

    @Test
    void should_reject_model_calls_with_bad_arguments_naming_the_field() throws Exception {
        assertThat(model("list_orders", "{\"pageSize\":500}")).isInstanceOfSatisfying(ToolOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("pageSize must be between 1 and 100, was 500"));
        assertThat(model("list_orders", "{\"createdFrom\":\"last week\"}")).isInstanceOfSatisfying(
                ToolOutcome.Rejected.class, r -> assertThat(r.reason()).contains("createdFrom"));
        assertThat(model("list_orders", "{\"status\":\"UNKNOWN\"}")).isInstanceOfSatisfying(
                ToolOutcome.Rejected.class, r -> assertThat(r.reason()).contains("status"));
        assertThat(model("get_logistics", "{}")).isInstanceOfSatisfying(
                ToolOutcome.Rejected.class, r -> assertThat(r.reason()).contains("orderId"));
    }
}
