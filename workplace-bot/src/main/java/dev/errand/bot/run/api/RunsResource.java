package dev.errand.bot.run.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.StepRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.errand.agent.policy.Principal;
import dev.errand.bot.identity.ApiSecurity;
import dev.errand.bot.identity.Caller;
import dev.errand.workflows.approval.Approvals;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Runs, newest first, and each run's steps: an employee sees their own; an employee with an {@code admin: true} role
 * sees every run of their tenant. Another tenant's or another employee's run is answered 404, as if it did not exist.
 */
@Path("/api/runs")
@SecurityScheme(securitySchemeName = ApiSecurity.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An employee's API key: Authorization: Bearer <key>. Without ERRAND_POLICY_FILE the demo keys"
                + " are in <data dir>/api-key and <data dir>/approver-api-key.")
@SecurityRequirement(name = ApiSecurity.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    private static final String SELECT = """
            SELECT r.id, m.channel, m.tenant, m.sender, m.request_text, r.status, m.delivery_status, m.delivery_error,
                   m.reply_text, m.tokens, r.error, r.attempts, r.created_at, r.updated_at
              FROM chat_message m JOIN wf_run r ON r.id = m.run_id""";

    /**
     * One run in a listing. {@code status} is the engine's ({@code PENDING}, {@code RUNNING}, {@code WAITING},
     * {@code SUCCEEDED}, {@code FAILED}); {@code delivery} says whether the reply reached the chat
     * ({@code PENDING}, {@code DELIVERED}, {@code FAILED}, {@code NOT_NEEDED} for API callers).
     */
    public record RunView(UUID id, String channel, String tenant, String employee, String request, String status,
            String delivery, String reply, long tokens, String error, int attempts, Instant createdAt,
            Instant updatedAt) {
    }

    /** One step of a run: a tool call, a model call, the reply, its delivery. */
    public record StepView(String step, String name, JsonNode input, String status, JsonNode result, String errorKind,
            String error, int attempts, String idempotencyKey, Instant startedAt, Instant finishedAt) {
        static StepView of(StepRecord s) {
            return new StepView(s.stepId(), s.name(), s.input(), s.status(), s.output(), s.errorKind(), s.error(),
                    s.attempts(), s.idempotencyKey(), s.startedAt(), s.finishedAt());
        }
    }

    /**
     * One plan of the run as the model (or a slash command) proposed it, with policy's verdict:
     * {@code allowed}, {@code denied} (with {@code rule} and {@code reason}) or {@code approval} (with the gates).
     */
    public record PlanView(String step, JsonNode plan, JsonNode decision) {
    }

    /** An approval the run asked for. */
    public record ApprovalSummary(UUID id, String step, String status, String tool, String amount, String currency,
            String reason, String decidedBy, Instant decidedAt) {
    }

    /** A run with its plans and their verdicts, its approvals, and every step. */
    public record RunDetail(RunView run, List<PlanView> plans, List<ApprovalSummary> approvals, List<StepView> steps) {
    }

    @Inject
    Database database;

    @Inject
    Engine engine;

    @Inject
    Caller caller;

    @Inject
    Approvals approvals;

    @GET
    @Operation(summary = "List runs, newest first",
            description = "Your own runs; all runs of your tenant when one of your roles is an admin role.")
    public List<RunView> list(@QueryParam("limit") @DefaultValue("20") int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        Principal who = caller.principal();
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE " + visible(who)
                    + " ORDER BY m.received_at DESC LIMIT ?")) {
                int next = bindVisible(s, who);
                s.setInt(next, size);
                return views(s);
            }
        });
    }

    /** The runs the caller may read: their tenant's, and only their own unless they administer it. */
    private static String visible(Principal who) {
        return who.admin() ? "m.tenant = ?" : "m.tenant = ? AND m.sender = ?";
    }

    private static int bindVisible(PreparedStatement s, Principal who) throws java.sql.SQLException {
        s.setString(1, who.tenant());
        if (who.admin()) {
            return 2;
        }
        s.setString(2, who.employeeId());
        return 3;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with its plans, policy's verdicts, approvals and steps")
    public RunDetail get(@PathParam("id") String id) {
        UUID runId = parse(id).orElseThrow(() -> new NotFoundException("run " + id + " not found"));
        Principal who = caller.principal();
        List<RunView> found = database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE r.id = ? AND " + visible(who))) {
                s.setObject(1, runId);
                s.setString(2, who.tenant());
                if (!who.admin()) {
                    s.setString(3, who.employeeId());
                }
                return views(s);
            }
        });
        if (found.isEmpty()) {
            throw new NotFoundException("run " + id + " not found");
        }
        List<StepRecord> steps = engine.steps(runId);
        List<PlanView> plans = steps.stream().filter(step -> "plan".equals(step.name()))
                .map(step -> new PlanView(step.stepId(), step.input().path("plan"), step.output())).toList();
        List<ApprovalSummary> asked = approvals.ofRun(runId).stream()
                .map(a -> new ApprovalSummary(a.id(), a.stepId(), a.status().name(), a.tool(),
                        a.amount().amount().toPlainString(), a.amount().currency().getCurrencyCode(), a.reason(),
                        a.decidedBy(), a.decidedAt()))
                .toList();
        return new RunDetail(found.get(0), plans, asked, steps.stream().map(StepView::of).toList());
    }

    private static List<RunView> views(PreparedStatement s) throws java.sql.SQLException {
        List<RunView> views = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                views.add(new RunView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(9), rs.getLong(10), rs.getString(11) != null ? rs.getString(11) : rs.getString(8),
                        rs.getInt(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14))));
            }
        }
        return views;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
