package dev.errand.agent.testing;

import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.Principal;
import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A spend ledger in memory, with the same rules as the database's. */
public final class InMemorySpendLedger implements SpendLedger {
    /** One reservation. */
    public record Entry(String employee, LocalDate day, String tool, Money amount, boolean released) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized BigDecimal reservedOn(Principal who, LocalDate day, String tool, Currency currency, UUID runId,
            String exceptPrefix) {
        return entries.entrySet().stream()
                .filter(e -> !e.getKey().startsWith(runId + "/" + exceptPrefix))
                .map(Map.Entry::getValue)
                .filter(e -> !e.released() && e.employee().equals(who.employeeId()) && e.day().equals(day)
                        && e.tool().equals(tool) && e.amount().currency().equals(currency))
                .map(e -> e.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
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
