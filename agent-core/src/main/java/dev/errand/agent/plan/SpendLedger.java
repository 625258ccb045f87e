package dev.errand.agent.plan;

import dev.errand.agent.policy.Principal;
import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;

/**
 * The money each employee's plans move per day, for daily limits. A plan's money steps are reserved when
 * policy allows them or sends them to approval, and released when they do not run (rejected, expired,
 * failed), so concurrent and parked plans count too. Writes are idempotent on (run, step).
 */
public interface SpendLedger {

    /**
     * What {@code who} has reserved on {@code day} with {@code tool} in {@code currency}, leaving out the
     * steps of run {@code runId} whose journal ids start with {@code exceptPrefix} (the plan being judged).
     */
    BigDecimal reservedOn(Principal who, LocalDate day, String tool, Currency currency, UUID runId, String exceptPrefix);

    /** Reserves a money step of a plan; a second reservation of the same (run, step) changes nothing. */
    void reserve(Principal who, LocalDate day, String tool, Money amount, UUID runId, String stepId);

    /** Releases a reserved step that will not move money. */
    void release(UUID runId, String stepId);

    /** A ledger that remembers nothing, for runs outside the engine. */
    SpendLedger NONE = new SpendLedger() {
        @Override
        public BigDecimal reservedOn(Principal who, LocalDate day, String tool, Currency currency, UUID runId,
                String exceptPrefix) {
            return BigDecimal.ZERO;
        }

        @Override
        public void reserve(Principal who, LocalDate day, String tool, Money amount, UUID runId, String stepId) {
        }

        @Override
        public void release(UUID runId, String stepId) {
        }
    };
}
