package dev.errand.agent.testing;

import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalGate;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.journal.RunSuspended;
import dev.errand.agent.journal.StepId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An approval gate whose approver answers as scripted: approve, reject, expire, or not yet (the run suspends). */
public final class ScriptedApprovalGate implements ApprovalGate {
    /** What the approver does. */
    public enum Answer { APPROVE, REJECT, EXPIRE, WAIT }

    private Answer answer;
    private final List<ApprovalRequest> requests = new ArrayList<>();

    public ScriptedApprovalGate(Answer answer) {
        this.answer = answer;
    }

    public void answer(Answer next) {
        this.answer = next;
    }

    @Override
    public ApprovalDecision await(StepId id, ApprovalRequest request) {
        requests.add(request);
        UUID approvalId = UUID.nameUUIDFromBytes(id.value().getBytes(StandardCharsets.UTF_8));
        return switch (answer) {
            case APPROVE -> new ApprovalDecision.Approved(approvalId, "fiona", Instant.EPOCH, "ok");
            case REJECT -> new ApprovalDecision.Rejected(approvalId, "fiona", Instant.EPOCH, "not this one");
            case EXPIRE -> new ApprovalDecision.Expired(approvalId, Instant.EPOCH);
            case WAIT -> throw new WaitingForApproval();
        };
    }

    public List<ApprovalRequest> requests() {
        return requests;
    }

    /** The run parked for a decision. */
    public static final class WaitingForApproval extends RunSuspended {
        WaitingForApproval() {
            super("waiting for approval");
        }
    }
}
