package dev.errand.bot.approval.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.Role;
import dev.errand.bot.api.ApiError;
import dev.errand.bot.api.StrictStringDeserializer;
import dev.errand.bot.identity.Caller;
import dev.errand.workflows.approval.Approval;
import dev.errand.workflows.approval.ApprovalStatus;
import dev.errand.workflows.approval.Approvals;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Approvals of plans above an employee's limits: approvers of the requester's tenant list and decide them;
 * the requester and the tenant's admins may read them. Anything else of another tenant does not exist (404).
 */
@Path("/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {
    static final int MAX_COMMENT_LENGTH = 1000;

    /** One approval. */
    @Schema(description = "An approval of a plan's steps above the requester's limits")
    public record ApprovalView(UUID id, UUID runId,
            @Schema(description = "PENDING, APPROVED, REJECTED or EXPIRED") String status, String tool,
            @Schema(description = "The gated step's arguments, or [{step, arguments}] for several steps") JsonNode arguments,
            @Schema(description = "The total to approve, a decimal string") String amount, String currency,
            String requestedBy, String reason, List<String> approverRoles, String decidedBy, Instant decidedAt,
            String comment, Instant createdAt, Instant expiresAt) {
        static ApprovalView of(Approval a) {
            return new ApprovalView(a.id(), a.runId(), a.status().name(), a.tool(), a.arguments(),
                    a.amount().amount().toPlainString(), a.amount().currency().getCurrencyCode(), a.requestedBy(),
                    a.reason(), a.approverRoles().stream().sorted().toList(), a.decidedBy(), a.decidedAt(), a.comment(),
                    a.createdAt(), a.expiresAt());
        }
    }

    /** A decision on an approval. */
    @Schema(description = "A decision: approve or reject, with an optional comment")
    public record DecisionRequest(
            @Schema(description = "approve or reject", required = true, enumeration = {"approve", "reject"})
            @JsonDeserialize(using = StrictStringDeserializer.class) String decision,
            @Schema(description = "Why, for the requester", maxLength = MAX_COMMENT_LENGTH)
            @JsonDeserialize(using = StrictStringDeserializer.class) String comment) {
    }

    @Inject
    Approvals approvals;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List approvals, newest first",
            description = "status=PENDING (the default): those the caller may decide. Another status, or ALL: those the "
                    + "caller may read (as requester, approver or admin).")
    public Response list(@QueryParam("status") @DefaultValue("PENDING") String status,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        Optional<ApprovalStatus> filter;
        if ("ALL".equalsIgnoreCase(status)) {
            filter = Optional.empty();
        } else {
            try {
                filter = Optional.of(ApprovalStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return ApiError.response(400, "status: must be PENDING, APPROVED, REJECTED, EXPIRED or ALL");
            }
        }
        Principal who = caller.principal();
        Set<String> roles = who.roles().stream().map(Role::name).collect(Collectors.toSet());
        // pending: what the caller may decide; otherwise what they may read (mayDecide, mayRead), in the query
        Approvals.Audience audience = filter.orElse(null) == ApprovalStatus.PENDING
                ? new Approvals.Audience(roles, Optional.empty(), Optional.of(who.employeeId()), false)
                : new Approvals.Audience(roles, Optional.of(who.employeeId()), Optional.empty(), who.admin());
        List<ApprovalView> views = approvals.list(who.tenant(), filter, audience, Math.max(1, Math.min(limit, 200)))
                .stream().map(ApprovalView::of).toList();
        return Response.ok(views).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One approval (its requester, its approvers and the tenant's admins may read it)")
    public Response get(@PathParam("id") String id) {
        Optional<Approval> approval = visible(id);
        return approval.isEmpty() ? notFound(id) : Response.ok(ApprovalView.of(approval.get())).build();
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject",
            description = "200 with the decided approval; 403 when the caller may not decide it (not an approver, or "
                    + "the requester); 409 when it was decided or expired before, naming who and when; 404 when unknown.")
    public Response decide(@PathParam("id") String id, DecisionRequest request) {
        Optional<Approval> approval = visible(id);
        if (approval.isEmpty()) {
            return notFound(id);
        }
        if (request == null || request.decision() == null) {
            return ApiError.response(400, "field 'decision' is missing (approve or reject)");
        }
        String decision = request.decision().strip().toLowerCase(Locale.ROOT);
        if (!decision.equals("approve") && !decision.equals("reject")) {
            return ApiError.response(400, "decision: must be approve or reject");
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT_LENGTH) {
            return ApiError.response(400, "comment: at most " + MAX_COMMENT_LENGTH + " characters");
        }
        Principal who = caller.principal();
        Approval a = approval.get();
        if (a.requestedBy().equals(who.employeeId())) {
            return ApiError.response(403, "you requested this approval; someone else must decide it");
        }
        if (!mayDecide(who, a)) {
            return ApiError.response(403, "only an employee with the role "
                    + String.join(" or ", a.approverRoles().stream().sorted().toList()) + " may decide this approval");
        }
        Approvals.Decided decided = approvals.decide(a.id(), decision.equals("approve"), who.employeeId(),
                request.comment() == null || request.comment().isBlank() ? null : request.comment().strip())
                .orElseThrow();
        if (decided instanceof Approvals.Decided.AlreadyDecided already) {
            Approval before = already.approval();
            String message = before.status() == ApprovalStatus.EXPIRED
                    ? "approval " + before.id() + " expired at " + before.decidedAt()
                    : "approval " + before.id() + " was already " + before.status().name().toLowerCase(Locale.ROOT)
                            + " by " + before.decidedBy() + " at " + before.decidedAt();
            return ApiError.response(409, message);
        }
        return Response.ok(ApprovalView.of(((Approvals.Decided.Recorded) decided).approval())).build();
    }

    /** The approval, if it exists and the caller may read it; otherwise nothing is revealed. */
    private Optional<Approval> visible(String id) {
        UUID approvalId;
        try {
            approvalId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Principal who = caller.principal();
        return approvals.find(approvalId).filter(a -> mayRead(who, a));
    }

    static boolean mayDecide(Principal who, Approval a) {
        return who.tenant().equals(a.tenant()) && !who.employeeId().equals(a.requestedBy())
                && a.approverRoles().stream().anyMatch(who::hasRole);
    }

    static boolean mayRead(Principal who, Approval a) {
        return who.tenant().equals(a.tenant()) && (who.employeeId().equals(a.requestedBy()) || who.admin()
                || a.approverRoles().stream().anyMatch(who::hasRole));
    }

    private static Response notFound(String id) {
        return ApiError.response(404, "approval " + id + " not found");
    }
}
