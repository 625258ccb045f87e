package dev.errand.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.money.Money;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The approvals of all runs (table {@code approval}): recorded by the {@link EngineApprovalGate} with the
 * step that requests them, decided once by {@link #decide}, which signals the waiting run in the same
 * transaction. Who may decide is the caller's business (policy), not this store's.
 */
public final class Approvals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, run_id, step_id, tenant, requested_by, tool, arguments, amount, currency, approver_roles, reason, status,
            decided_by, decided_at, decision_comment, created_at, expires_at""";

    private final Database database;
    private final Engine engine;

    public Approvals(Database database, Engine engine) {
        this.database = database;
        this.engine = engine;
    }

    /** The signal a run waiting for approval {@code id} waits for. */
    public static String signalName(UUID id) {
        return "approval:" + id;
    }

    /** What came of a decision. */
    public sealed interface Decided {
        /** This decision was recorded, and the run signalled. */
        record Recorded(Approval approval) implements Decided {
        }

        /** The approval had been decided (or had expired) before: nothing changed. */
        record AlreadyDecided(Approval approval) implements Decided {
        }
    }

    /** Approves or rejects a pending approval and signals its run, all in one transaction. */
    public Optional<Decided> decide(UUID id, boolean approve, String decidedBy, String comment) {
        Optional<Decided> result = database.transaction(c -> {
            Optional<Approval> current = select(c, "SELECT " + COLUMNS + " FROM approval WHERE id = ? FOR UPDATE", id);
            if (current.isEmpty()) {
                return Optional.<Decided>empty();
            }
            Approval approval = current.get();
            Instant now = engine.clock().instant();
            if (approval.status() != ApprovalStatus.PENDING) {
                return Optional.<Decided>of(new Decided.AlreadyDecided(approval));
            }
            if (!now.isBefore(approval.expiresAt())) {
                return Optional.<Decided>of(new Decided.AlreadyDecided(finish(c, approval, ApprovalStatus.EXPIRED, null,
                        approval.expiresAt(), null)));
            }
            Approval decided = finish(c, approval, approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED,
                    decidedBy, now, comment);
            engine.signal(c, approval.runId(), signalName(id), payload(decided));
            return Optional.<Decided>of(new Decided.Recorded(decided));
        });
        if (result.isPresent() && result.get() instanceof Decided.Recorded) {
            engine.wake();
        }
        return result;
    }

    /** Marks a still pending approval expired; answers the approval as it now stands (perhaps decided just before). */
    public Approval expire(UUID id) {
        return database.transaction(c -> {
            Approval approval = select(c, "SELECT " + COLUMNS + " FROM approval WHERE id = ? FOR UPDATE", id)
                    .orElseThrow(() -> new IllegalStateException("approval " + id + " is not recorded"));
            if (approval.status() != ApprovalStatus.PENDING) {
                return approval;
            }
            return finish(c, approval, ApprovalStatus.EXPIRED, null, engine.clock().instant(), null);
        });
    }

    public Optional<Approval> find(UUID id) {
        return database.transaction(c -> select(c, "SELECT " + COLUMNS + " FROM approval WHERE id = ?", id));
    }

    /**
     * Which of a tenant's approvals a listing returns: those one of {@code approverRoles} may decide, plus those
     * {@code requestedBy} asked for (when present), or every one ({@code everyone}); never those
     * {@code notRequestedBy} asked for (when present).
     */
    public record Audience(Set<String> approverRoles, Optional<String> requestedBy, Optional<String> notRequestedBy,
            boolean everyone) {
        public Audience {
            approverRoles = Set.copyOf(approverRoles);
        }
    }

    /** A tenant's approvals for {@code audience}, newest first, optionally of one status; filtered in the query. */
    public List<Approval> list(String tenant, Optional<ApprovalStatus> status, Audience audience, int limit) {
        List<String> roles = audience.approverRoles().stream().sorted().toList();
        List<String> reach = new ArrayList<>();
        if (audience.everyone()) {
            reach.add("TRUE");
        }
        audience.requestedBy().ifPresent(r -> reach.add("requested_by = ?"));
        roles.forEach(r -> reach.add("approver_roles LIKE ? ESCAPE '\\'"));
        String sql = "SELECT " + COLUMNS + " FROM approval WHERE tenant = ?"
                + (status.isPresent() ? " AND status = ?" : "")
                + (audience.notRequestedBy().isPresent() ? " AND requested_by <> ?" : "")
                + " AND (" + (reach.isEmpty() ? "FALSE" : String.join(" OR ", reach)) + ")"
                + " ORDER BY created_at DESC LIMIT ?";
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, tenant);
                if (status.isPresent()) {
                    s.setString(i++, status.get().name());
                }
                if (audience.notRequestedBy().isPresent()) {
                    s.setString(i++, audience.notRequestedBy().get());
                }
                if (audience.requestedBy().isPresent()) {
                    s.setString(i++, audience.requestedBy().get());
                }
                for (String role : roles) {
                    s.setString(i++, "%," + role.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%");
                }
                s.setInt(i, limit);
                return all(s);
            }
        });
    }

    /** The approvals of one run, oldest first. */
    public List<Approval> ofRun(UUID runId) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM approval WHERE run_id = ? ORDER BY created_at, step_id")) {
                s.setObject(1, runId);
                return all(s);
            }
        });
    }

    /** Records a new approval in the caller's transaction (the one that records the requesting step). */
    static void insert(Connection c, Approval a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO approval (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, a.id());
            s.setObject(2, a.runId());
            s.setString(3, a.stepId());
            s.setString(4, a.tenant());
            s.setString(5, a.requestedBy());
            s.setString(6, a.tool());
            s.setString(7, a.arguments().toString());
            s.setBigDecimal(8, a.amount().amount());
            s.setString(9, a.amount().currency().getCurrencyCode());
            s.setString(10, "," + a.approverRoles().stream().sorted().collect(Collectors.joining(",")) + ",");
            s.setString(11, a.reason());
            s.setString(12, a.status().name());
            s.setString(13, a.decidedBy());
            s.setTimestamp(14, ts(a.decidedAt()));
            s.setString(15, a.comment());
            s.setTimestamp(16, ts(a.createdAt()));
            s.setTimestamp(17, ts(a.expiresAt()));
            s.executeUpdate();
        }
    }

    /** The decision as the waiting run receives it. */
    static ObjectNode payload(Approval a) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("status", a.status().name())
                .put("decidedBy", a.decidedBy()).put("comment", a.comment());
        json.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
        return json;
    }

    private static Approval finish(Connection c, Approval a, ApprovalStatus status, String by, Instant at, String comment)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE approval SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ? WHERE id = ?""")) {
            s.setString(1, status.name());
            s.setString(2, by);
            s.setTimestamp(3, ts(at));
            s.setString(4, comment);
            s.setObject(5, a.id());
            s.executeUpdate();
        }
        return new Approval(a.id(), a.runId(), a.stepId(), a.tenant(), a.requestedBy(), a.tool(), a.arguments(),
                a.amount(), a.approverRoles(), a.reason(), status, by, at, comment, a.createdAt(), a.expiresAt());
    }

    private static Optional<Approval> select(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            List<Approval> found = all(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<Approval> all(PreparedStatement s) throws SQLException {
        List<Approval> list = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String roles = rs.getString("approver_roles");
                Set<String> approverRoles = Arrays.stream(roles.split(",")).filter(r -> !r.isEmpty())
                        .collect(Collectors.toSet());
                list.add(new Approval(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
                        rs.getString("step_id"), rs.getString("tenant"), rs.getString("requested_by"),
                        rs.getString("tool"), parse(rs.getString("arguments")),
                        new Money(rs.getBigDecimal("amount").stripTrailingZeros(),
                                Currency.getInstance(rs.getString("currency"))),
                        approverRoles, rs.getString("reason"), ApprovalStatus.valueOf(rs.getString("status")),
                        rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")),
                        rs.getString("decision_comment"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("expires_at"))));
            }
        }
        return list;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
