package dev.errand.agent.plan;

import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.execution.ToolOutcome;
import java.util.List;
import java.util.Map;

/** What came of running one plan; every possible ending is listed here. */
public sealed interface PlanOutcome {

    /** The outcomes of the steps that ran, in the order they ran. */
    Map<String, ToolOutcome> outcomes();

    /** The approvals the plan went through, granted ones included. */
    List<ApprovalDecision> approvals();

    /** Every step ran and succeeded. */
    record Completed(Map<String, ToolOutcome> outcomes, List<ApprovalDecision> approvals) implements PlanOutcome {
    }

    /** Step {@code stepId} does not fit (an unknown tool, arguments outside its schema); nothing ran. */
    record Invalid(String stepId, String reason) implements PlanOutcome {
        /** The reason with the step it is about, for a plan of several steps. */
        public String message() {
            return "step " + stepId + ": " + reason;
        }

        @Override
        public Map<String, ToolOutcome> outcomes() {
            return Map.of();
        }

        @Override
        public List<ApprovalDecision> approvals() {
            return List.of();
        }
    }

    /** Policy refused the plan; nothing ran. */
    record Denied(String rule, String reason) implements PlanOutcome {
        @Override
        public Map<String, ToolOutcome> outcomes() {
            return Map.of();
        }

        @Override
        public List<ApprovalDecision> approvals() {
            return List.of();
        }
    }

    /** An approval was rejected or expired; nothing ran. */
    record NotApproved(ApprovalRequest request, ApprovalDecision decision) implements PlanOutcome {
        @Override
        public Map<String, ToolOutcome> outcomes() {
            return Map.of();
        }

        @Override
        public List<ApprovalDecision> approvals() {
            return List.of(decision);
        }
    }

    /** Step {@code stepId} failed (after its retries); the steps after it did not run. */
    record StepFailed(String stepId, String tool, String message, Map<String, ToolOutcome> outcomes,
            List<ApprovalDecision> approvals) implements PlanOutcome {
    }
}
