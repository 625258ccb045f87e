package dev.errand.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalGate;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.RunExecution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Approvals as durable steps of a run: step {@code <id>} records the approval row with itself (one
 * transaction, so a replay never asks twice), then the run parks on the approval's signal for at most the
 * time to live; no thread waits. A decision wakes it on any node; the timeout expires the approval.
 */
public final class EngineApprovalGate implements ApprovalGate {

    /** Told once when an approval has been requested, e.g. to say so in the conversation. */
    @FunctionalInterface
    public interface Requested {
        Requested NOTHING = (id, approval) -> {
        };

        /** Called on every replay after the request is recorded; journal what it does under {@code id}. */
        void requested(StepId id, Approval approval);
    }

    private final RunExecution run;
    private final Approvals approvals;
    private final Duration timeToLive;
    private final Requested requested;

    public EngineApprovalGate(RunExecution run, Approvals approvals, Duration timeToLive, Requested requested) {
        this.run = run;
        this.approvals = approvals;
        this.timeToLive = timeToLive;
        this.requested = requested;
    }

    @Override
    public ApprovalDecision await(StepId id, ApprovalRequest request) {
        UUID approvalId = UUID.nameUUIDFromBytes((run.runId() + "/" + id.value()).getBytes(StandardCharsets.UTF_8));
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("tool", request.tool())
                .put("amount", request.amount().amount().toPlainString())
                .put("currency", request.amount().currency().getCurrencyCode());
        input.set("arguments", request.arguments());
        StepOutcome recorded = run.step(id, "approval", input, RetryPolicy.NONE, () -> {
            Instant now = run.now();
            return new StepOutcome.Succeeded(JsonNodeFactory.instance.objectNode()
                    .put("approvalId", approvalId.toString()).put("createdAt", now.toString())
                    .put("expiresAt", now.plus(timeToLive).toString()));
        }, (c, outcome) -> {
            JsonNode value = ((StepOutcome.Succeeded) outcome).value();
            Approvals.insert(c, approval(approvalId, id, request, Instant.parse(value.get("createdAt").asText()),
                    Instant.parse(value.get("expiresAt").asText())));
        });
        JsonNode value = ((StepOutcome.Succeeded) recorded).value();
        Instant createdAt = Instant.parse(value.get("createdAt").asText());
        Instant expiresAt = Instant.parse(value.get("expiresAt").asText());
        requested.requested(StepId.of(id.value() + ".notice"), approval(approvalId, id, request, createdAt, expiresAt));
        Duration left = Duration.between(run.now(), expiresAt);
        Optional<JsonNode> signal = run.awaitSignal(StepId.of(id.value() + ".wait"), Approvals.signalName(approvalId),
                left.isNegative() ? Duration.ZERO : left);
        if (signal.isPresent()) {
            return decision(approvalId, signal.get());
        }
        StepOutcome expired = run.step(StepId.of(id.value() + ".expiry"), "approval-expiry",
                JsonNodeFactory.instance.objectNode().put("approvalId", approvalId.toString()), RetryPolicy.NONE,
                () -> new StepOutcome.Succeeded(Approvals.payload(approvals.expire(approvalId))));
        return decision(approvalId, ((StepOutcome.Succeeded) expired).value());
    }

    private Approval approval(UUID approvalId, StepId id, ApprovalRequest request, Instant createdAt, Instant expiresAt) {
        return new Approval(approvalId, run.runId(), id.value(), request.tenant(), request.requestedBy(), request.tool(),
                request.arguments(), request.amount(), request.approverRoles(), request.reason(),
                ApprovalStatus.PENDING, null, null, null, createdAt, expiresAt);
    }

    private static ApprovalDecision decision(UUID approvalId, JsonNode payload) {
        String by = payload.hasNonNull("decidedBy") ? payload.get("decidedBy").asText() : null;
        Instant at = payload.hasNonNull("decidedAt") ? Instant.parse(payload.get("decidedAt").asText()) : null;
        String comment = payload.hasNonNull("comment") ? payload.get("comment").asText() : null;
        return switch (ApprovalStatus.valueOf(payload.path("status").asText())) {
            case APPROVED -> new ApprovalDecision.Approved(approvalId, by, at, comment);
            case REJECTED -> new ApprovalDecision.Rejected(approvalId, by, at, comment);
            case EXPIRED, PENDING -> new ApprovalDecision.Expired(approvalId, at);
        };
    }
}
