package dev.errand.workflows.approval;

/** Where an approval stands; it leaves {@code PENDING} once and for all. */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED
}
