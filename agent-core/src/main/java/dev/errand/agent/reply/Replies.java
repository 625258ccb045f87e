package dev.errand.agent.reply;

import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.agent.plan.PlanOutcome;
import dev.errand.agent.run.RunContext;

/** Tells the employee, without a model, how a plan ended: its results, or why nothing (more) ran. */
public final class Replies {
    private Replies() {
    }

    /** {@code refusedPrefix} opens the reply to a plan that did not fit, e.g. {@code Cannot run /order <orderId>}. */
    public static Reply of(PlanOutcome outcome, String refusedPrefix, RunContext run) {
        String approvals = approvalLines(outcome);
        if (outcome instanceof PlanOutcome.Completed completed) {
            StringBuilder md = new StringBuilder();
            String title = "Errand";
            for (ToolOutcome step : completed.outcomes().values()) {
                ToolOutcome.Succeeded succeeded = (ToolOutcome.Succeeded) step;
                title = succeeded.result().title();
                md.append(succeeded.result().markdown().stripTrailing()).append("\n\n");
            }
            String text = (md + approvals).stripTrailing();
            return new Reply.Markdown(title, run.usedDemoData() ? DemoNotice.append(text) : text);
        }
        if (outcome instanceof PlanOutcome.Invalid invalid) {
            return new Reply.Text(refusedPrefix + ": " + invalid.reason());
        }
        if (outcome instanceof PlanOutcome.Denied denied) {
            return new Reply.Text("Not allowed: " + denied.reason() + " Nothing was done.");
        }
        if (outcome instanceof PlanOutcome.NotApproved notApproved) {
            return new Reply.Text(notApproved(notApproved));
        }
        PlanOutcome.StepFailed failed = (PlanOutcome.StepFailed) outcome;
        return new Reply.Text((capitalize(failed.message()) + ". " + approvals).strip());
    }

    /** One sentence on a rejected or expired approval. */
    public static String notApproved(PlanOutcome.NotApproved outcome) {
        String what = outcome.request().tool() + " of " + outcome.request().amount();
        if (outcome.decision() instanceof ApprovalDecision.Rejected rejected) {
            return "Your request (" + what + ") was rejected by " + rejected.decidedBy()
                    + (rejected.comment() == null || rejected.comment().isBlank() ? "" : ": " + rejected.comment())
                    + ". Nothing was done.";
        }
        return "Your request (" + what + ") was not approved in time; the approval expired. Nothing was done.";
    }

    private static String approvalLines(PlanOutcome outcome) {
        StringBuilder lines = new StringBuilder();
        for (ApprovalDecision decision : outcome.approvals()) {
            if (decision instanceof ApprovalDecision.Approved approved) {
                lines.append("Approved by ").append(approved.decidedBy()).append(".\n");
            }
        }
        return lines.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
