package dev.errand.workflows.approval;

import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.policy.Principal;
import dev.errand.money.Money;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.NewRun;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import dev.errand.workflows.spending.JdbcSpendLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approvals as durable steps, and the spend ledger, on PostgreSQL and on H2. */
abstract class ApprovalBehaviours extends EngineTestBase {
    private static final Duration TTL = Duration.ofHours(1);
    private static final ApprovalRequest REQUEST = new ApprovalRequest("acme", "li.lei", "refund_payment",
            List.of("s1"), json("orderId", "8815", "amount", "800.00", "currency", "CNY"), Money.of("800.00", "CNY"),
            Set.of("finance"), "800.00 CNY is above 500.00 CNY without approval");

    private final AtomicReference<Approvals> approvals = new AtomicReference<>();
    private final AtomicInteger asked = new AtomicInteger();
    private TestClock clock;
    private Engine engine;

    @BeforeEach
    void start() {
        clock = TestClock.ticking();
        RunHandler refund = handler("refund", run -> {
            EngineApprovalGate gate = new EngineApprovalGate(run, approvals.get(), TTL, (id, a) -> asked.incrementAndGet());
            ApprovalDecision decision = gate.await(StepId.of("approval1"), REQUEST);
            return completed(json("decision", decision.getClass().getSimpleName(),
                    "by", decision instanceof ApprovalDecision.Approved a ? a.decidedBy()
                            : decision instanceof ApprovalDecision.Rejected r ? r.decidedBy() : "nobody"));
        });
        engine = started(settings("node-a"), clock, refund);
        approvals.set(new Approvals(engine.database(), engine));
    }

    private UUID parkedRun() {
        UUID runId = enqueue(engine, new NewRun(UUID.randomUUID(), "refund", "k-" + UUID.randomUUID(), json()));
        awaitStatus(runId, RunStatus.WAITING);
        return runId;
    }

    private Approval onlyApprovalOf(UUID runId) {
        List<Approval> all = approvals.get().ofRun(runId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void should_park_the_run_until_approved_then_resume_it_with_the_decision() {
        UUID runId = parkedRun();
        Approval pending = onlyApprovalOf(runId);
        assertThat(pending.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(pending.amount()).isEqualTo(Money.of("800.00", "CNY"));
        assertThat(pending.approverRoles()).containsExactly("finance");
        assertThat(pending.expiresAt()).isEqualTo(pending.createdAt().plus(TTL));
        assertThat(engine.held()).isZero();

        Optional<Approvals.Decided> decided = approvals.get().decide(pending.id(), true, "fiona", "ok");

        assertThat(decided).get().isInstanceOf(Approvals.Decided.Recorded.class);
        assertThat(awaitStatus(runId, RunStatus.SUCCEEDED).output()).isEqualTo(json("decision", "Approved", "by", "fiona"));
        assertThat(onlyApprovalOf(runId).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(asked.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void should_refuse_a_second_decision_and_keep_the_first() {
        UUID runId = parkedRun();
        UUID id = onlyApprovalOf(runId).id();
        approvals.get().decide(id, false, "fiona", "no");

        Optional<Approvals.Decided> second = approvals.get().decide(id, true, "frank", "yes");

        assertThat(second).get().isInstanceOfSatisfying(Approvals.Decided.AlreadyDecided.class, d -> {
            assertThat(d.approval().status()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(d.approval().decidedBy()).isEqualTo("fiona");
        });
        assertThat(awaitStatus(runId, RunStatus.SUCCEEDED).output()).isEqualTo(json("decision", "Rejected", "by", "fiona"));
    }

    @Test
    void should_expire_an_undecided_approval_after_its_time_to_live() {
        UUID runId = parkedRun();
        UUID id = onlyApprovalOf(runId).id();

        clock.advance(TTL.plusMinutes(1));
        engine.wake();

        assertThat(awaitStatus(runId, RunStatus.SUCCEEDED).output()).isEqualTo(json("decision", "Expired", "by", "nobody"));
        assertThat(onlyApprovalOf(runId).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approvals.get().decide(id, true, "fiona", null)).get()
                .isInstanceOf(Approvals.Decided.AlreadyDecided.class);
    }

    @Test
    void should_refuse_a_decision_after_the_deadline_even_before_the_run_noticed() {
        UUID runId = parkedRun();
        UUID id = onlyApprovalOf(runId).id();
        engine.stop();
        clock.advance(TTL.plusSeconds(1));

        assertThat(approvals.get().decide(id, true, "fiona", null)).get()
                .isInstanceOfSatisfying(Approvals.Decided.AlreadyDecided.class,
                        d -> assertThat(d.approval().status()).isEqualTo(ApprovalStatus.EXPIRED));
    }

    @Test
    void should_know_nothing_of_an_unknown_approval() {
        assertThat(approvals.get().decide(UUID.randomUUID(), true, "fiona", null)).isEmpty();
        assertThat(approvals.get().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void should_reserve_each_step_once_and_leave_out_the_plan_being_judged_and_released_steps() {
        JdbcSpendLedger ledger = new JdbcSpendLedger(engine.database(), clock);
        Principal li = new Principal("acme", "li.lei", List.of(), Set.of(), ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Currency cny = Currency.getInstance("CNY");
        UUID run = parkedRun();
        UUID other = parkedRun();

        ledger.reserve(li, today, "refund_payment", Money.of("100.00", "CNY"), run, "s1");
        ledger.reserve(li, today, "refund_payment", Money.of("100.00", "CNY"), run, "s1");
        ledger.reserve(li, today, "refund_payment", Money.of("40.50", "CNY"), run, "p2.s1");
        ledger.reserve(li, today, "refund_payment", Money.of("7.00", "CNY"), other, "s1");
        ledger.reserve(li, today.minusDays(1), "refund_payment", Money.of("1000.00", "CNY"), other, "s2");

        assertThat(ledger.reservedOn(li, today, "refund_payment", cny, UUID.randomUUID(), ""))
                .isEqualByComparingTo(new BigDecimal("147.50"));
        assertThat(ledger.reservedOn(li, today, "refund_payment", cny, run, "p2."))
                .isEqualByComparingTo(new BigDecimal("107.00"));
        ledger.release(run, "s1");
        assertThat(ledger.reservedOn(li, today, "refund_payment", cny, UUID.randomUUID(), ""))
                .isEqualByComparingTo(new BigDecimal("47.50"));
    }
}
