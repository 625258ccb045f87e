package dev.errand.agent.run;

import dev.errand.tools.ToolContext;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One agent turn for one employee: numbers its steps and notes what the reply must disclose. */
public final class RunContext {
    private final UUID runId;
    private final String tenant;
    private final String employee;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicBoolean usedDemoData = new AtomicBoolean();
    private final AtomicLong tokens = new AtomicLong();

    public RunContext(UUID runId, String tenant, String employee) {
        this(runId, tenant, employee, 0);
    }

    /** A run resumed after {@code stepsTaken} journaled steps; the next step is numbered after them. */
    public RunContext(UUID runId, String tenant, String employee, int stepsTaken) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.employee = Objects.requireNonNull(employee, "employee");
        if (stepsTaken < 0) {
            throw new IllegalArgumentException("stepsTaken must not be negative, was " + stepsTaken);
        }
        steps.set(stepsTaken);
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

    /** The context of the next step of this run. */
    public ToolContext nextStep() {
        return new ToolContext(tenant, employee, runId, steps.incrementAndGet());
    }

    public int stepCount() {
        return steps.get();
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
