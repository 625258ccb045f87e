package dev.errand.agent.policy;

import java.util.List;

/**
 * Judges a whole plan for the requesting employee: each tool must be allowed by one of their roles;
 * amounts are summed per tool and currency over the plan and added to what they moved today, then
 * compared with the role's limits. Pure: no clock, no storage.
 */
public final class PolicyEngine {

    public PlanDecision evaluate(Principal who, List<PlannedCall> plan, SpentToday spent) {
        // CONTRACT PLACEHOLDER: replaced by the policy work; allows only tools of the employee's roles
        for (PlannedCall call : plan) {
            if (!who.mayUse(call.tool())) {
                return new PlanDecision.Denied("role.tools", "none of your roles may use " + call.tool());
            }
        }
        return new PlanDecision.Allowed();
    }
}
