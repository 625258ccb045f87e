package dev.errand.agent.policy;

import dev.errand.money.Money;
import java.util.List;
import java.util.Set;

/** Policy's verdict on a whole plan for one employee, before any step runs. */
public sealed interface PlanDecision {

    /** Every step may run now. */
    record Allowed() implements PlanDecision {
    }

    /** The plan may run once every gate is approved; nothing runs before. */
    record NeedsApproval(List<Gate> gates) implements PlanDecision {
        public NeedsApproval {
            gates = List.copyOf(gates);
        }
    }

    /** Nothing of the plan may run; {@code rule} names the rule (e.g. {@code limit.with_approval}). */
    record Denied(String rule, String reason) implements PlanDecision {
    }

    /**
     * The steps of one tool and currency whose total needs approval: {@code total} is the plan's total,
     * {@code approverRoles} the roles that may decide, {@code reason} says which threshold was passed.
     */
    record Gate(String tool, List<String> stepIds, Money total, Set<String> approverRoles, String reason) {
        public Gate {
            stepIds = List.copyOf(stepIds);
            approverRoles = Set.copyOf(approverRoles);
        }
    }
}
