package dev.errand.agent.run;

import dev.errand.agent.approval.ApprovalGate;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepJournal;
import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.Principal;
import dev.errand.tools.ToolContext;
import java.time.InstantSource;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One agent turn for one employee: who asks (resolved by identity, never by the model), the run's
 * journal through which every step runs, the gate that asks humans, the ledger of money moved today,
 * and what the reply must disclose. Rebuilt on every replay; what it accumulates is replayed with the steps.
 */
public final class RunContext {
    private final UUID runId;
    private final Principal principal;
    private final StepJournal journal;
    private final ApprovalGate approvals;
    private final SpendLedger spending;
    private final InstantSource clock;
    private final TokenBudget budget;
    private final AtomicBoolean usedDemoData = new AtomicBoolean();
    private final AtomicLong tokens = new AtomicLong();

    public RunContext(UUID runId, Principal principal, StepJournal journal, ApprovalGate approvals,
            SpendLedger spending, InstantSource clock, TokenBudget budget) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.spending = Objects.requireNonNull(spending, "spending");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** A run with an in-memory journal and no way to wait for approval, for tests and tools run outside the engine. */
    public RunContext(UUID runId, Principal principal) {
        this(runId, principal, new InMemoryStepJournal(), ApprovalGate.UNAVAILABLE, SpendLedger.NONE,
                InstantSource.system(), TokenBudget.UNLIMITED);
    }

    public UUID runId() {
        return runId;
    }

    public Principal principal() {
        return principal;
    }

    public String tenant() {
        return principal.tenant();
    }

    public String employee() {
        return principal.employeeId();
    }

    public StepJournal journal() {
        return journal;
    }

    public ApprovalGate approvals() {
        return approvals;
    }

    public SpendLedger spending() {
        return spending;
    }

    /** The engine's clock: the day of daily limits is taken from here. */
    public InstantSource clock() {
        return clock;
    }

    public TokenBudget budget() {
        return budget;
    }

    /** The context a tool sees when it runs as step {@code id}. */
    public ToolContext step(StepId id) {
        return new ToolContext(principal.tenant(), principal.employeeId(), runId, id.value());
    }

    public void markDemoDataUsed() {
        usedDemoData.set(true);
    }

    public boolean usedDemoData() {
        return usedDemoData.get();
    }

    public void addTokens(long count) {
        tokens.addAndGet(count);
    }

    public long tokens() {
        return tokens.get();
    }
}
