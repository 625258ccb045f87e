package dev.errand.agent.run;

import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepJournal;
import dev.errand.tools.ToolContext;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One agent turn for one employee: the run's journal, through which every step runs, and what the
 * reply must disclose. Rebuilt on every replay; what it accumulates is replayed with the steps.
 */
public final class RunContext {
    private final UUID runId;
    private final String tenant;
    private final String employee;
    private final StepJournal journal;
    private final AtomicBoolean usedDemoData = new AtomicBoolean();
    private final AtomicLong tokens = new AtomicLong();

    public RunContext(UUID runId, String tenant, String employee, StepJournal journal) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.employee = Objects.requireNonNull(employee, "employee");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** A run with an in-memory journal, for tests and tools run outside the engine. */
    public RunContext(UUID runId, String tenant, String employee) {
        this(runId, tenant, employee, new InMemoryStepJournal());
    }

    public UUID runId() {
        return runId;
    }

    public String tenant() {
        return tenant;
    }

    public String employee() {
        return employee;
    }

    public StepJournal journal() {
        return journal;
    }

    /** The context a tool sees when it runs as step {@code id}. */
    public ToolContext step(StepId id) {
        return new ToolContext(tenant, employee, runId, id.value());
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
