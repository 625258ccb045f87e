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

    /** A plan that ended before any of its steps ran. */
    sealed interface NothingRan extends PlanOutcome {
        @Override
        default Map<String, ToolOutcome> outcomes() {
            return Map.of();
        }

        @Override
        default List<ApprovalDecision> approvals() {
            return List.of();
        }
    }

    /** Step {@code stepId} does not fit (an unknown tool, arguments outside its schema); nothing ran. */
    record Invalid(String stepId, String reason) implements NothingRan {
        /** The reason with the step it is about, for a plan of several steps. */
        public String message() {
            return "step " + stepId + ": " + reason;
        }
    }

    /** Policy refused the plan; nothing ran. */
    record Denied(String rule, String reason) implements NothingRan {
    }

    /** An approval was rejected or expired; nothing ran. */
    record NotApproved(ApprovalRequest request, ApprovalDecision decision) implements NothingRan {
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
