package dev.errand.agent.plan;

import dev.errand.agent.policy.PlanDecision;
import dev.errand.agent.policy.PlannedCall;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.SpentToday;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The money each employee's plans move per day, for daily limits. A plan is judged under a lock held per
 * employee, with what they reserved that day; its money steps are reserved in the same breath when policy
 * lets it go on (at once or after approval), so two plans judged at the same time cannot both slip under a
 * limit. Steps that will not move money (rejected, expired, failed) are released. Idempotent on (run, step).
 */
public interface SpendLedger {

    /**
     * Runs {@code judge} with what {@code who} reserved on {@code day}, leaving out the steps of run
     * {@code runId} whose journal ids start with {@code prefix} (the plan being judged, when it is judged
     * again after a crash), and reserves {@code calls}' money as steps {@code prefix + stepId} unless the
     * decision is {@link PlanDecision.Denied}. One employee's plans are judged one at a time.
     */
    PlanDecision judge(Principal who, LocalDate day, UUID runId, String prefix, List<PlannedCall> calls,
            Function<SpentToday, PlanDecision> judge);

    /** Releases a reserved step that will not move money. */
    void release(UUID runId, String stepId);

    /** A ledger that remembers nothing, for runs outside the engine. */
    SpendLedger NONE = new SpendLedger() {
        @Override
        public PlanDecision judge(Principal who, LocalDate day, UUID runId, String prefix, List<PlannedCall> calls,
                Function<SpentToday, PlanDecision> judge) {
            return judge.apply((tool, currency) -> BigDecimal.ZERO);
        }

        @Override
        public void release(UUID runId, String stepId) {
        }
    };
}
