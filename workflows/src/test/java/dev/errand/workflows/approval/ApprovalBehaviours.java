package dev.errand.workflows.approval;

import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.policy.PlanDecision;
import dev.errand.agent.policy.PlannedCall;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.SpentToday;
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
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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

    private static PlannedCall refund(String step, String amount) {
        return new PlannedCall(step, "refund_payment", Optional.of(Money.of(amount, "CNY")));
    }

    /** Judges as a limit of {@code limit} a day would: allowed while what was reserved plus the plan stays within. */
    private static Function<SpentToday, PlanDecision> dailyLimit(String limit, List<PlannedCall> calls,
            List<BigDecimal> seen) {
        return spent -> {
            BigDecimal before = spent.amount("refund_payment", Currency.getInstance("CNY"));
            seen.add(before);
            BigDecimal plan = calls.stream().map(c -> c.amount().orElseThrow().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return before.add(plan).compareTo(new BigDecimal(limit)) > 0 ? new PlanDecision.Denied("limit.daily_total", "over")
                    : new PlanDecision.Allowed();
        };
    }

    @Test
    void should_reserve_allowed_plans_once_and_leave_out_the_plan_being_judged_and_released_steps() {
        JdbcSpendLedger ledger = new JdbcSpendLedger(engine.database(), clock);
        Principal li = new Principal("acme", "li.lei", List.of(), Set.of(), ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID run = parkedRun();
        List<BigDecimal> seen = new CopyOnWriteArrayList<>();

        List<PlannedCall> first = List.of(refund("s1", "100.00"));
        ledger.judge(li, today, run, "", first, dailyLimit("1000", first, seen));
        ledger.judge(li, today, run, "", first, dailyLimit("1000", first, seen)); // judged again after a crash
        List<PlannedCall> second = List.of(refund("s1", "40.50"), refund("s2", "7.00"));
        ledger.judge(li, today, run, "p2.", second, dailyLimit("1000", second, seen));
        List<PlannedCall> tooMuch = List.of(refund("s1", "900.00"));
        PlanDecision denied = ledger.judge(li, today, run, "p3.", tooMuch, dailyLimit("1000", tooMuch, seen));
        ledger.judge(li, today.minusDays(1), UUID.randomUUID(), "", first, dailyLimit("1000", first, seen));

        assertThat(seen).extracting(BigDecimal::toPlainString).containsExactly("0", "0", "100.0000", "147.5000", "0");
        assertThat(denied).isInstanceOf(PlanDecision.Denied.class);
        ledger.release(run, "s1");
        List<PlannedCall> probe = List.of(refund("s1", "1.00"));
        ledger.judge(li, today, UUID.randomUUID(), "", probe, dailyLimit("1000", probe, seen));
        assertThat(seen.get(seen.size() - 1)).isEqualByComparingTo("47.50");
    }

    @Test
    void should_judge_one_employees_concurrent_plans_one_at_a_time() throws Exception {
        JdbcSpendLedger ledger = new JdbcSpendLedger(engine.database(), clock);
        Principal li = new Principal("acme", "li.lei", List.of(), Set.of(), ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<BigDecimal> seen = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<PlanDecision>> decisions = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                List<PlannedCall> plan = List.of(refund("s1", "100.00"));
                UUID each = UUID.randomUUID();
                decisions.add(threads.submit(() -> ledger.judge(li, today, each, "", plan, dailyLimit("1000", plan, seen))));
            }
            long allowed = 0;
            for (Future<PlanDecision> decision : decisions) {
                allowed += decision.get(30, TimeUnit.SECONDS) instanceof PlanDecision.Allowed ? 1 : 0;
            }
            // each plan of 100.00 saw the reservations of those judged before it: exactly ten fit under 1000.00
            assertThat(allowed).isEqualTo(10);
        } finally {
            threads.shutdownNow();
        }
    }
}
