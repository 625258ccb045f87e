package dev.errand.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.money.Money;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One approval as stored: the gated steps of run {@code runId} (tool, arguments, total), who asked and
 * why, the roles that may decide, and the decision once made.
 */
public record Approval(UUID id, UUID runId, String stepId, String tenant, String requestedBy, String tool,
        JsonNode arguments, Money amount, Set<String> approverRoles, String reason, ApprovalStatus status,
        String decidedBy, Instant decidedAt, String comment, Instant createdAt, Instant expiresAt) {

    public Approval {
        approverRoles = Set.copyOf(approverRoles);
    }
}
