package dev.errand.agent.testing;

import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.PlanDecision;
import dev.errand.agent.policy.PlannedCall;
import dev.errand.agent.policy.Principal;
import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** A spend ledger in memory, with the same rules as the database's (one lock for everyone). */
public final class InMemorySpendLedger implements SpendLedger {
    /** One reservation. */
    public record Entry(String employee, LocalDate day, String tool, Money amount, boolean released) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized PlanDecision judge(Principal who, LocalDate day, UUID runId, String prefix,
            List<PlannedCall> calls, Function<dev.errand.agent.policy.SpentToday, PlanDecision> judge) {
        PlanDecision decision = judge.apply((tool, currency) -> entries.entrySet().stream()
                .filter(e -> !e.getKey().startsWith(runId + "/" + prefix))
                .map(Map.Entry::getValue)
                .filter(e -> !e.released() && e.employee().equals(who.employeeId()) && e.day().equals(day)
                        && e.tool().equals(tool) && e.amount().currency().equals(currency))
                .map(e -> e.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
        if (!(decision instanceof PlanDecision.Denied)) {
            for (PlannedCall call : calls) {
                call.amount().ifPresent(amount -> reserve(who, day, call.tool(), amount, runId, prefix + call.stepId()));
            }
        }
        return decision;
    }

    /** Records a reservation directly, as an earlier plan of the day would have. */
    public synchronized void reserve(Principal who, LocalDate day, String tool, Money amount, UUID runId, String stepId) {
        entries.putIfAbsent(runId + "/" + stepId, new Entry(who.employeeId(), day, tool, amount, false));
    }

    @Override
    public synchronized void release(UUID runId, String stepId) {
        entries.computeIfPresent(runId + "/" + stepId,
                (k, e) -> new Entry(e.employee(), e.day(), e.tool(), e.amount(), true));
    }

    public synchronized Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }
}
