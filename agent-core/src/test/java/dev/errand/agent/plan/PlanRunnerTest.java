package dev.errand.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.run.TokenBudget;
import dev.errand.agent.testing.CountingPayments;
import dev.errand.agent.testing.InMemorySpendLedger;
import dev.errand.agent.testing.ScriptedApprovalGate;
import dev.errand.agent.testing.ScriptedApprovalGate.Answer;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.errand.tools.payments.RefundPaymentTool;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Policy on the whole plan, approvals and execution, with the demo payments and a journal in memory. */
class PlanRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountingPayments payments = new CountingPayments();
    private final ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(new DemoShopConnector()),
            new GetPaymentTool(payments), new RefundPaymentTool(payments)));
    private final PlanRunner runner = new PlanRunner(new ToolExecutor(catalog), new PolicyEngine());
    private final InMemorySpendLedger ledger = new InMemorySpendLedger();
    private final ScriptedApprovalGate gate = new ScriptedApprovalGate(Answer.APPROVE);
    private final Principal support = TestRuns.employee("acme", "li.lei", TestRuns.SUPPORT);

    private RunContext run(Principal who, InMemoryStepJournal journal, UUID runId) {
        return new RunContext(runId, who, journal, gate, ledger, InstantSource.system(), TokenBudget.UNLIMITED);
    }

    private RunContext run(Principal who) {
        return run(who, new InMemoryStepJournal(), UUID.randomUUID());
    }

    private static ObjectNode refund(String order, String amount, String currency) {
        return JSON.createObjectNode().put("orderId", order).put("amount", amount).put("currency", currency)
                .put("reason", "parcel lost");
    }

    private static Plan refunds(String order, String amount, int count) {
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            steps.add(new PlanStep("s" + i, "refund_payment", refund(order, amount, "CNY"), List.of()));
        }
        return new Plan(steps, "refunds");
    }

    @Test
    void should_run_a_refund_within_the_limit_without_approval() {
        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8812", "100.00", "CNY")), "",
                run(support));

        assertThat(outcome).isInstanceOf(PlanOutcome.Completed.class);
        assertThat(gate.requests()).isEmpty();
        assertThat(payments.refundCalls()).hasSize(1);
        assertThat(ledger.entries().values()).extracting(e -> e.amount().toString()).containsExactly("100.00 CNY");
    }

    @Test
    void should_wait_for_approval_above_the_limit_and_refund_once_approved() {
        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8815", "800.00", "CNY")), "",
                run(support));

        assertThat(gate.requests()).hasSize(1);
        assertThat(gate.requests().get(0).amount().toString()).isEqualTo("800.00 CNY");
        assertThat(gate.requests().get(0).approverRoles()).containsExactly("finance");
        assertThat(gate.requests().get(0).requestedBy()).isEqualTo("li.lei");
        assertThat(outcome).isInstanceOf(PlanOutcome.Completed.class);
        assertThat(outcome.approvals()).singleElement().isInstanceOf(ApprovalDecision.Approved.class);
        assertThat(payments.refundCalls()).hasSize(1);
    }

    @Test
    void should_run_nothing_when_the_approval_is_rejected_and_release_the_reservation() {
        gate.answer(Answer.REJECT);

        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8815", "800.00", "CNY")), "",
                run(support));

        assertThat(outcome).isInstanceOf(PlanOutcome.NotApproved.class);
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(ledger.entries().values()).allMatch(InMemorySpendLedger.Entry::released);
    }

    @Test
    void should_run_nothing_when_the_approval_expires() {
        gate.answer(Answer.EXPIRE);

        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8815", "800.00", "CNY")), "",
                run(support));

        assertThat(((PlanOutcome.NotApproved) outcome).decision()).isInstanceOf(ApprovalDecision.Expired.class);
        assertThat(payments.refundCalls()).isEmpty();
    }

    @Test
    void should_resume_a_parked_plan_from_its_journal_and_refund_once() {
        InMemoryStepJournal journal = new InMemoryStepJournal();
        UUID runId = UUID.randomUUID();
        Plan plan = Plan.single("s1", "refund_payment", refund("8815", "800.00", "CNY"));
        gate.answer(Answer.WAIT);

        assertThatThrownBy(() -> runner.run(plan, "", run(support, journal, runId)))
                .isInstanceOf(ScriptedApprovalGate.WaitingForApproval.class);
        assertThat(payments.refundCalls()).isEmpty();

        gate.answer(Answer.APPROVE);
        PlanOutcome resumed = runner.run(plan, "", run(support, journal, runId));
        PlanOutcome replayed = runner.run(plan, "", run(support, journal, runId));

        assertThat(resumed).isInstanceOf(PlanOutcome.Completed.class);
        assertThat(replayed).isInstanceOf(PlanOutcome.Completed.class);
        assertThat(payments.refundCalls()).singleElement()
                .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo(runId.toString().replace("-", "") + "-s1"));
        assertThat(ledger.entries()).hasSize(1);
    }

    @Test
    void should_judge_ten_small_refunds_in_one_plan_like_one_big_one() {
        gate.answer(Answer.WAIT);

        assertThatThrownBy(() -> runner.run(refunds("8815", "60.00", 10), "", run(support)))
                .isInstanceOf(ScriptedApprovalGate.WaitingForApproval.class);

        assertThat(gate.requests()).singleElement().satisfies(r -> {
            assertThat(r.amount().toString()).isEqualTo("600.00 CNY");
            assertThat(r.stepIds()).hasSize(10);
        });
        assertThat(payments.refundCalls()).isEmpty();
    }

    @Test
    void should_count_the_day_across_plans() {
        Principal li = support;
        for (int i = 0; i < 4; i++) {
            assertThat(runner.run(Plan.single("s1", "refund_payment", refund("8815", "400.00", "CNY")), "", run(li)))
                    .isInstanceOf(PlanOutcome.Completed.class);
        }
        // the first went alone; each later one took the day past 500.00 and needed approval
        assertThat(gate.requests()).hasSize(3);
        gate.answer(Answer.WAIT);
        assertThatThrownBy(() -> runner.run(Plan.single("s1", "refund_payment", refund("8812", "100.00", "CNY")), "",
                run(li))).isInstanceOf(ScriptedApprovalGate.WaitingForApproval.class);
        assertThat(payments.refundCalls()).hasSize(4);
    }

    @Test
    void should_deny_above_the_daily_total_whoever_approves() {
        for (int i = 0; i < 5; i++) {
            ledger.reserve(support, java.time.LocalDate.now(java.time.ZoneOffset.UTC), "refund_payment",
                    dev.errand.money.Money.of("4000.00", "CNY"), UUID.randomUUID(), "s1");
        }

        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8812", "10.00", "CNY")), "",
                run(support));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Denied.class,
                d -> assertThat(d.rule()).isEqualTo("limit.daily_total"));
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(gate.requests()).isEmpty();
    }

    @Test
    void should_deny_a_plan_above_what_approval_allows() {
        PlanOutcome outcome = runner.run(refunds("8815", "2000.00", 3), "", run(support));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Denied.class,
                d -> assertThat(d.rule()).isEqualTo("limit.with_approval"));
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void should_deny_a_tool_none_of_the_roles_allow_and_run_no_step_of_the_plan() {
        Principal viewer = TestRuns.employee("acme", "guest", TestRuns.READER);
        Plan plan = new Plan(List.of(
                new PlanStep("s1", "get_order", JSON.createObjectNode().put("orderId", "8812"), List.of()),
                new PlanStep("s2", "refund_payment", refund("8812", "1.00", "CNY"), List.of())), null);

        PlanOutcome outcome = runner.run(plan, "", run(viewer));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Denied.class,
                d -> assertThat(d.rule()).isEqualTo("role.tools"));
        assertThat(outcome.outcomes()).isEmpty();
        assertThat(payments.refundCalls()).isEmpty();
    }

    @Test
    void should_deny_a_currency_the_role_has_no_limit_for() {
        PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8812", "1.00", "USD")), "",
                run(support));

        assertThat(outcome).isInstanceOf(PlanOutcome.Denied.class);
        assertThat(payments.refundCalls()).isEmpty();
    }

    @Test
    void should_refuse_arguments_outside_the_schema_before_policy() {
        for (String amount : List.of("-5.00", "1.234", "0", "abc")) {
            PlanOutcome outcome = runner.run(Plan.single("s1", "refund_payment", refund("8812", amount, "CNY")), "",
                    run(support));
            assertThat(outcome).as(amount).isInstanceOfSatisfying(PlanOutcome.Invalid.class,
                    i -> assertThat(i.reason()).contains("amount"));
        }
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void should_refuse_a_money_step_whose_amount_comes_from_another_step() {
        Plan plan = new Plan(List.of(
                new PlanStep("s1", "get_payment", JSON.createObjectNode().put("orderId", "8812"), List.of()),
                new PlanStep("s2", "refund_payment", refund("8812", "${steps.s1.result.amount.amount}", "CNY"),
                        List.of("s1"))), null);

        PlanOutcome outcome = runner.run(plan, "", run(support));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Invalid.class,
                i -> assertThat(i.reason()).contains("must be literal"));
        assertThat(payments.refundCalls()).isEmpty();
    }

    @Test
    void should_pass_earlier_results_to_later_steps() {
        Plan plan = new Plan(List.of(
                new PlanStep("s1", "get_payment", JSON.createObjectNode().put("orderId", "8813"), List.of()),
                new PlanStep("s2", "get_order", JSON.createObjectNode().put("orderId", "${steps.s1.result.orderId}"),
                        List.of("s1"))), null);

        PlanOutcome outcome = runner.run(plan, "", run(support));

        assertThat(outcome).isInstanceOf(PlanOutcome.Completed.class);
        assertThat(outcome.outcomes()).containsOnlyKeys("s1", "s2");
    }

    @Test
    void should_stop_at_a_failed_step_and_release_its_money() {
        Plan plan = new Plan(List.of(
                new PlanStep("s1", "refund_payment", refund("8814", "10.00", "CNY"), List.of()),
                new PlanStep("s2", "get_order", JSON.createObjectNode().put("orderId", "8812"), List.of("s1"))), null);

        PlanOutcome outcome = runner.run(plan, "", run(support));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.StepFailed.class, f -> {
            assertThat(f.stepId()).isEqualTo("s1");
            assertThat(f.message()).contains("cannot be refunded");
        });
        assertThat(outcome.outcomes()).containsOnlyKeys("s1");
        assertThat(ledger.entries().values()).allMatch(InMemorySpendLedger.Entry::released);
    }
}
