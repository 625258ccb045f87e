package dev.errand.agent.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.journal.JournalMismatchException;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.shop.ShopUnavailableException;
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

    private InMemoryStepJournal journal;
    private ToolExecutor executor;
    private RunContext run;
    private int steps;

    @BeforeEach
    void setUp() {
        journal = new InMemoryStepJournal();
        executor = executorFor(new DemoShopConnector());
        run = TestRuns.run(TestRuns.alice("get_order", "get_payment", "refund_payment", "probe", "echo", "lookup"), journal);
    }

    private StepId next() {
        return StepId.of("s" + (++steps));
    }

    private ToolExecutor executorFor(ShopConnector shop) {
        ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(shop),
                new GetPaymentTool(new DemoPaymentsConnector())));
        return new ToolExecutor(catalog);
    }

    private static ToolCall call(String tool, String arguments) throws Exception {
        return new ToolCall(tool, JSON.readTree(arguments));
    }

    @Test
    void should_run_a_valid_call_and_return_the_result_with_its_json() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{\"orderId\":\"8812\"}"), run);

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
    void should_journal_the_call_under_its_step_id_with_tool_arguments_and_result() throws Exception {
        JsonNode arguments = JSON.readTree("{\"orderId\":\"8812\"}");

        ToolOutcome outcome = executor.execute(StepId.of("s1"), new ToolCall("get_order", arguments), run);

        assertThat(journal.entries()).hasSize(1);
        InMemoryStepJournal.Entry entry = journal.entries().get(0);
        assertThat(entry.id()).isEqualTo(StepId.of("s1"));
        assertThat(entry.name()).isEqualTo("get_order");
        assertThat(entry.input()).isEqualTo(arguments);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(((StepOutcome.Succeeded) entry.outcome()).value()).isEqualTo(((ToolOutcome.Succeeded) outcome).json());
    }

    @Test
    void should_replay_a_recorded_step_instead_of_calling_the_tool_again() throws Exception {
        CountingShop shop = new CountingShop();
        ToolExecutor counting = executorFor(shop);
        counting.execute(StepId.of("s1"), call("get_order", "{\"orderId\":\"8812\"}"), run);

        ToolOutcome replayed = counting.execute(StepId.of("s1"), call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(shop.calls).isEqualTo(1);
        assertThat(replayed).isInstanceOf(ToolOutcome.Succeeded.class);
        assertThat(((OrderSummary) ((ToolOutcome.Succeeded) replayed).result()).orderId()).isEqualTo(OrderId.of("8812"));
        assertThat(((OrderSummary) ((ToolOutcome.Succeeded) replayed).result()).amount().toString()).isEqualTo("120.00 CNY");
    }

    @Test
    void should_refuse_to_replay_a_step_recorded_with_other_arguments() throws Exception {
        executor.execute(StepId.of("s1"), call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThatThrownBy(() -> executor.execute(StepId.of("s1"), call("get_order", "{\"orderId\":\"8813\"}"), run))
                .isInstanceOf(JournalMismatchException.class).hasMessageContaining("s1");
        assertThatThrownBy(() -> executor.execute(StepId.of("s1"), call("get_payment", "{\"orderId\":\"8812\"}"), run))
                .isInstanceOf(JournalMismatchException.class).hasMessageContaining("get_order");
    }

    @Test
    void should_retry_a_retryable_failure_under_the_tools_policy() throws Exception {
        CountingShop shop = new CountingShop();
        shop.failuresLeft = 2;

        ToolOutcome outcome = executorFor(shop).execute(next(), call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
        assertThat(shop.calls).isEqualTo(3);
        assertThat(journal.entries().get(0).attempts()).isEqualTo(3);
    }

    @Test
    void should_give_each_step_id_its_own_idempotency_key() throws Exception {
        assertThat(run.step(StepId.of("s1")).idempotencyKey()).isNotEqualTo(run.step(StepId.of("s2")).idempotencyKey())
                .isEqualTo(run.step(StepId.of("s1")).idempotencyKey());
    }

    /** The demo shop, counting calls and failing retryably while {@code failuresLeft} lasts. */
    private static final class CountingShop implements ShopConnector {
        private final DemoShopConnector data = new DemoShopConnector();
        int calls;
        int failuresLeft;

        @Override
        public Order order(OrderId id) {
            calls++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new ShopUnavailableException("the shop is down", null);
            }
            return data.order(id);
        }

        @Override
        public DataOrigin origin() {
            return DataOrigin.DEMO;
        }
    }

    @Test
    void should_reject_an_unknown_tool_by_name_and_journal_nothing() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("refund_everything", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("unknown tool").contains("refund_everything");
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void should_reject_a_tool_name_that_is_not_a_valid_name_without_throwing() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("Get Order!", "{}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("Get Order!");
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void should_reject_an_argument_of_the_wrong_type_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{\"orderId\": 12}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("orderId");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_reject_a_missing_argument_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("orderId");
    }

    @Test
    void should_reject_an_explicit_null_argument() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{\"orderId\": null}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).contains("orderId");
    }

    @Test
    void should_reject_an_extra_argument_naming_it() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{\"orderId\":\"8812\",\"note\":\"urgent\"}"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .startsWith("invalid arguments for get_order: ")
                .contains("note");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_reject_arguments_that_are_not_an_object() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "[\"8812\"]"), run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason()).startsWith("invalid arguments for get_order: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"88 12", "../x", "8812;drop", ""})
    void should_reject_an_order_id_with_illegal_characters_with_a_clear_reason(String orderId) {
        ToolCall call = new ToolCall("get_order", JSON.createObjectNode().put("orderId", orderId));

        ToolOutcome outcome = executor.execute(next(), call, run);

        assertThat(outcome).isInstanceOf(ToolOutcome.Rejected.class);
        assertThat(((ToolOutcome.Rejected) outcome).reason())
                .isEqualTo("invalid arguments for get_order: order id '" + orderId
                        + "' must be 1-64 letters, digits, '-' or '_'");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_report_an_unknown_order_as_a_non_retryable_failure() throws Exception {
        ToolOutcome outcome = executor.execute(next(), call("get_order", "{\"orderId\":\"999\"}"), run);

        assertThat(outcome).isEqualTo(new ToolOutcome.Failed("order 999 not found", false));
        assertThat(journal.entries()).extracting(InMemoryStepJournal.Entry::outcome)
                .containsExactly(new StepOutcome.Failed("failed", false, "order 999 not found"));
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

        ToolOutcome outcome = executorFor(down).execute(next(), call("get_order", "{\"orderId\":\"8812\"}"), run);

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

        ToolOutcome outcome = executorFor(broken).execute(next(), call("get_order", "{\"orderId\":\"8812\"}"), run);

        assertThat(outcome).isEqualTo(new ToolOutcome.Failed("get_order failed unexpectedly", false));
        assertThat(journal.entries()).extracting(InMemoryStepJournal.Entry::attempts).containsExactly(1);
    }

    @Test
    void should_mark_the_run_when_a_result_comes_from_demo_data() throws Exception {
        assertThat(run.usedDemoData()).isFalse();

        executor.execute(next(), call("get_payment", "{\"orderId\":\"8813\"}"), run);

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

        ToolOutcome outcome = executorFor(live).execute(next(), call("get_order", "{\"orderId\":\"8812\"}"), run);

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
            public Class<Seen> resultType() {
                return Seen.class;
            }

            @Override
            public Seen call(NoArgs arguments, ToolContext context) {
                return new Seen(context);
            }
        };
        ToolExecutor probing = new ToolExecutor(new ToolCatalog(List.of(probe)));

        probing.execute(next(), call("probe", "{}"), run);
        ToolOutcome second = probing.execute(next(), call("probe", "{}"), run);

        ToolContext context = ((Seen) ((ToolOutcome.Succeeded) second).result()).context();
        assertThat(context.stepId()).isEqualTo("s2");
        assertThat(context.runId()).isEqualTo(run.runId());
        assertThat(context.idempotencyKey()).isEqualTo(run.runId().toString().replace("-", "") + "-s2");
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
        public Class<OrderSummary> resultType() {
            return OrderSummary.class;
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
        ToolExecutor withOptional = new ToolExecutor(new ToolCatalog(List.of(tool)));

        assertThat(withOptional.execute(next(), call("greet", "{\"orderId\":\"8812\",\"times\":3}"), run))
                .isInstanceOf(ToolOutcome.Succeeded.class);
        assertThat(withOptional.execute(next(), call("greet", "{\"orderId\":\"8812\"}"), run))
                .isInstanceOf(ToolOutcome.Succeeded.class);

        assertThat(tool.received).extracting(GreetTool.Args::times)
                .containsExactly(java.util.Optional.of(3), java.util.Optional.empty());
    }
}
