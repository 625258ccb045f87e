package dev.errand.agent.approval;

import java.time.Instant;
import java.util.UUID;

/** How an approval ended; every way is listed here. */
public sealed interface ApprovalDecision {

    UUID approvalId();

    /** An approver said yes: the gated steps may run. */
    record Approved(UUID approvalId, String decidedBy, Instant decidedAt, String comment) implements ApprovalDecision {
    }

    /** An approver said no: nothing of the plan runs. */
    record Rejected(UUID approvalId, String decidedBy, Instant decidedAt, String comment) implements ApprovalDecision {
    }

    /** Nobody decided in time: nothing of the plan runs. */
    record Expired(UUID approvalId, Instant expiredAt) implements ApprovalDecision {
    }
}
