package dev.errand.agent.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.journal.RecordingJournal;
import dev.errand.agent.run.RunContext;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.OrderSummary;
import dev.errand.tools.payments.GetPaymentTool;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingJournal journal;
    private ToolExecutor executor;
    private RunContext run;

    @BeforeEach
    void setUp() {
        journal = new RecordingJournal();
        executor = executorFor(new DemoShopConnector());
        run = new RunContext(UUID.randomUUID(), "acme", "alice");
    }

    private ToolExecutor executorFor(ShopConnector shop) {
        ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(shop),
                new GetPaymentTool(new DemoPaymentsConnector())));
        return new ToolExecutor(catalog, journal);
    }

    private static ToolCall call(String tool, String arguments) throws Exception {
        return new ToolCall(tool, JSON.readTree(arguments));
    }

    @Test
    void should_run_a_valid_call_and_return_the_result_with_its_json() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
        ToolOutcome.Succeeded succeeded = (ToolOutcome.Succeeded) outcome;
        assertThat(succeeded.result()).isInstanceOf(OrderSummary.class);
        assertThat(((OrderSummary) succeeded.result()).orderId()).isEqualTo(OrderId.of("8812"));
        assertThat(succeeded.json().get("orderId").asText()).isEqualTo("8812");
        assertThat(succeeded.json().at("/amount/amount").isTextual()).isTrue();
        assertThat(succeeded.json().at("/amount/amount").asText()).isEqualTo("120.00");
        assertThat(succeeded.json().at("/amount/currency").asText()).isEqualTo("CNY");
        assertThat(succeeded.json().has("markdown")).isFalse();
    }

    @Test
    void should_journal_start_then_finish_of_the_same_step() throws Exception {
        JsonNode arguments = JSON.readTree("{\"orderId\":\"8812\"}");

        ToolOutcome outcome = executor.execute(new ToolCall("get_order", arguments), run);

        assertThat(journal.entries()).hasSize(2);
        RecordingJournal.Entry started = journal.entries().get(0);
        RecordingJournal.Entry finished = journal.entries().get(1);
        assertThat(started.kind()).isEqualTo("started");
        assertThat(started.tool()).isEqualTo(GetOrderTool.NAME);
        assertThat(started.arguments()).isEqualTo(arguments);
        assertThat(started.step().step()).isEqualTo(1);
        assertThat(started.step().runId()).isEqualTo(run.runId());
        assertThat(started.step().tenant()).isEqualTo("acme");
        assertThat(started.step().employee()).isEqualTo("alice");
        assertThat(finished.kind()).isEqualTo("finished");
        assertThat(finished.tool()).isEqualTo(GetOrderTool.NAME);
        assertThat(finished.step()).isEqualTo(started.step());
        assertThat(finished.outcome()).isSameAs(outcome);
    }

    @Test
    void should_number_successive_calls_of_a_run_step_1_then_step_2() throws Exception {
        executor.execute(call("get_order", "{\"orderId\":\"8812\"}"), run);
        executor.execute(call("get_payment", "{\"orderId\":\"8812\"}"), run);

        assertThat(journal.entries()).extracting(RecordingJournal.Entry::kind)
                .containsExactly("started", "finished", "started", "finished");
        assertThat(journal.entries()).extracting(e -> e.step().step()).containsExactly(1, 1, 2, 2);
        assertThat(journal.entries()).extracting(RecordingJournal.Entry::tool)
                .containsExactly(GetOrderTool.NAME, GetOrderTool.NAME, GetPaymentTool.NAME, GetPaymentTool.NAME);
        assertThat(journal.entries().get(0).step().idempotencyKey())
                .isNotEqualTo(journal.entries().get(2).step().idempotencyKey());
        assertThat(run.stepCount()).isEqualTo(2);
    }

    @Test
    void should_reject_an_unknown_tool_by_name_and_journal_nothing() throws Exception {
        ToolOutcome outcome = executor.execute(call("refund_everything", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("unknown tool").contains("refund_everything");
        assertThat(journal.entries()).isEmpty();
        assertThat(run.stepCount()).isZero();
    }

    @Test
    void should_reject_a_tool_name_that_is_not_a_valid_name_without_throwing() throws Exception {
        ToolOutcome outcome = executor.execute(call("Get Order!", "{}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("Get Order!");
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void should_reject_an_argument_of_the_wrong_type_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{\"orderId\": 12}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("orderId");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_reject_a_missing_argument_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("orderId");
    }

    @Test
    void should_reject_an_explicit_null_argument() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{\"orderId\": null}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("orderId");
    }

    @Test
    void should_reject_an_extra_argument_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{\"orderId\":\"8812\",\"note\":\"urgent\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("note");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_reject_arguments_that_are_not_an_object() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "[\"8812\"]"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).startsWith("invalid arguments for get_order: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"88 12", "../x", "8812;drop", ""})
    void should_reject_an_order_id_with_illegal_characters_with_a_clear_reason(String orderId) {
        ToolCall call = new ToolCall("get_order", JSON.createObjectNode().put("orderId", orderId));

        ToolOutcome outcome = executor.execute(call, run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .isEqualTo("invalid arguments for get_order: order id '" + orderId
                        + "' must be 1-64 letters, digits, '-' or '_'");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_report_an_unknown_order_as_a_non_retryable_failure() throws Exception {
        ToolOutcome outcome = executor.execute(call("get_order", "{\"orderId\":\"999\"}"), run);

        assertThat(outcome).isEqualTo(new ToolOutcome.Failed("order 999 not found", false));
        assertThat(journal.entries()).extracting(RecordingJournal.Entry::kind).containsExactly("started", "finished");
        assertThat(journal.entries().get(1).outcome()).isEqualTo(outcome);
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_report_an_unavailable_shop_as_retryable_with_the_user_message() throws Exception {
        ShopConnector down = new ShopConnector() {
            @Override
            public Order order(OrderId id) {
                throw new ShopUnavailableException("HTTP 503 from gw.api.taobao.com, secret=abc", null);
            }

            @Override
            public DataOrigin origin() {
                return DataOrigin.LIVE;
            }
        };

        ToolOutcome outcome = executorFor(down).execute(call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isEqualTo(
                new ToolOutcome.Failed("the shop is not reachable right now, please try again later", true));
    }

    @Test
    void should_turn_a_crashing_tool_into_a_failure_without_its_message() throws Exception {
        ShopConnector broken = new ShopConnector() {
            @Override
            public Order order(OrderId id) {
                throw new IllegalStateException("internal detail");
            }

            @Override
            public DataOrigin origin() {
                return DataOrigin.LIVE;
            }
        };

        ToolOutcome outcome = executorFor(broken).execute(call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isEqualTo(new ToolOutcome.Failed("get_order failed unexpectedly", false));
        assertThat(journal.entries()).extracting(RecordingJournal.Entry::kind).containsExactly("started", "finished");
    }

    @Test
    void should_mark_the_run_when_a_result_comes_from_demo_data() throws Exception {
        assertThat(run.usedDemoData()).isFalse();

        executor.execute(call("get_payment", "{\"orderId\":\"8813\"}"), run);

        assertThat(run.usedDemoData()).isTrue();
    }

    @Test
    void should_not_mark_the_run_for_live_data() throws Exception {
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

        ToolOutcome outcome = executorFor(live).execute(call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_pass_the_step_context_to_the_tool() throws Exception {
        record NoArgs() {
        }
        record Seen(ToolContext context) implements dev.errand.tools.ToolResult {
            @Override
            public String title() {
                return "seen";
            }

            @Override
            public String markdown() {
                return "seen";
            }

            @Override
            public DataOrigin origin() {
                return DataOrigin.LIVE;
            }
        }
        AgentTool<NoArgs, Seen> probe = new AgentTool<>() {
            @Override
            public ToolName name() {
                return ToolName.of("probe");
            }

            @Override
            public String description() {
                return "records its context";
            }

            @Override
            public Class<NoArgs> argumentsType() {
                return NoArgs.class;
            }

            @Override
            public Seen call(NoArgs arguments, ToolContext context) {
                return new Seen(context);
            }
        };
        ToolExecutor probing = new ToolExecutor(new ToolCatalog(List.of(probe)), journal);

        probing.execute(call("probe", "{}"), run);
        ToolOutcome second = probing.execute(call("probe", "{}"), run);

        ToolContext context = ((Seen) ((ToolOutcome.Succeeded) second).result()).context();
        assertThat(context.step()).isEqualTo(2);
        assertThat(context.runId()).isEqualTo(run.runId());
        assertThat(context.idempotencyKey()).isEqualTo(run.runId() + ":2");
    }

    /** A tool with an optional argument, to check that Optional components bind. */
    private static final class GreetTool implements AgentTool<GreetTool.Args, OrderSummary> {
        record Args(OrderId orderId, java.util.Optional<Integer> times) {
        }

        private final List<Args> received = new java.util.ArrayList<>();

        @Override
        public ToolName name() {
            return ToolName.of("greet");
        }

        @Override
        public String description() {
            return "test tool";
        }

        @Override
        public Class<Args> argumentsType() {
            return Args.class;
        }

        @Override
        public OrderSummary call(Args arguments, ToolContext context) {
            received.add(arguments);
            return OrderSummary.of(new DemoShopConnector().order(arguments.orderId()), DataOrigin.DEMO);
        }
    }

    @Test
    void should_bind_optional_arguments_present_or_absent() throws Exception {
        GreetTool tool = new GreetTool();
        ToolExecutor withOptional = new ToolExecutor(new ToolCatalog(List.of(tool)), journal);

        assertThat(withOptional.execute(call("greet", "{\"orderId\":\"8812\",\"times\":3}"), run))
                .isInstanceOf(ToolOutcome.Succeeded.class);
        assertThat(withOptional.execute(call("greet", "{\"orderId\":\"8812\"}"), run))
                .isInstanceOf(ToolOutcome.Succeeded.class);

        assertThat(tool.received).extracting(GreetTool.Args::times)
                .containsExactly(java.util.Optional.of(3), java.util.Optional.empty());
    }
}
