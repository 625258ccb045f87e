package dev.errand.workflows.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.LeaseLostException;
import dev.errand.workflows.engine.NewRun;
import dev.errand.workflows.engine.RunRecord;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.StepConflictException;
import dev.errand.workflows.engine.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every SQL statement of the engine, on the caller's connection and transaction. */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A run waits while an earlier run with the same ordering key is pending or running. Two probes with
     * equalities, so that each is one range of wf_run_order_idx however long the key's history is.
     */
    private static final String NOT_BEHIND_AN_OPEN_RUN = """

               AND NOT EXISTS (SELECT 1 FROM wf_run p WHERE p.ordering_key = r.ordering_key AND p.status = 'PENDING'
                                  AND p.seq < r.seq)
               AND NOT EXISTS (SELECT 1 FROM wf_run p WHERE p.ordering_key = r.ordering_key AND p.status = 'RUNNING'
                                  AND p.seq < r.seq)""";

    /**
     * Runs whose lease expired (their node died), oldest lease first. Kept apart from {@link #SELECT_DUE}: an
     * OR of the two conditions cannot walk an index in order, so every claim sorted the whole queue.
     */
    private static final String SELECT_EXPIRED = """
            SELECT r.id, r.kind, r.input, r.attempts FROM wf_run r
             WHERE r.status = 'RUNNING' AND r.lease_until < ?""" + NOT_BEHIND_AN_OPEN_RUN + """

             ORDER BY r.lease_until, r.seq
             LIMIT ? FOR UPDATE SKIP LOCKED""";

    /** Due runs, oldest first: pending or waiting runs whose time has come (walks wf_run_due_idx in order). */
    private static final String SELECT_DUE = """
            SELECT r.id, r.kind, r.input, r.attempts FROM wf_run r
             WHERE r.status IN ('PENDING', 'WAITING') AND r.due_at <= ?""" + NOT_BEHIND_AN_OPEN_RUN + """

             ORDER BY r.due_at, r.seq
             LIMIT ? FOR UPDATE SKIP LOCKED""";

    /** Leases renewed per statement by the heartbeat. */
    private static final int RENEW_BATCH = 500;

    private RunStore() {
    }

    /** A run this node just claimed, with what replay needs. */
    public record Claimed(UUID id, String kind, JsonNode input, int attempt, Map<String, StepRecord> steps) {
    }

    public static void insert(Connection c, NewRun run, Instant now, String leaseOwner, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO wf_run (id, kind, ordering_key, input, status, due_at, lease_owner, lease_until, attempts,
                                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, run.id());
            s.setString(2, run.kind());
            s.setString(3, run.orderingKey());
            s.setString(4, run.input().toString());
            boolean claimed = leaseOwner != null;
            s.setString(5, (claimed ? RunStatus.RUNNING : RunStatus.PENDING).name());
            s.setTimestamp(6, claimed ? null : ts(now));
            s.setString(7, leaseOwner);
            s.setTimestamp(8, claimed ? ts(leaseUntil) : null);
            s.setInt(9, claimed ? 1 : 0);
            s.setTimestamp(10, ts(now));
            s.setTimestamp(11, ts(now));
            s.executeUpdate();
        }
    }

    /** Claims up to {@code limit} due runs for {@code owner}, loading the journal of those claimed before. */
    public static List<Claimed> claim(Connection c, String owner, int limit, Instant now, Instant leaseUntil)
            throws SQLException {
        List<Claimed> due = new ArrayList<>();
        if (!isH2(c)) {
            // PostgreSQL: plan the claim for the queue as it is now. The driver prepares a statement on the
            // server after a few uses, and PostgreSQL then keeps one generic plan; made while wf_run was small
            // (or never analyzed: autovacuum off), it joins by sequential scans, and a claim over a backlog of
            // 12,000 runs took seconds, growing with the backlog (bench/load, 200 callbacks/s)
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
        }
        select(c, SELECT_EXPIRED, now, limit, due);
        if (due.size() < limit) {
            select(c, SELECT_DUE, now, limit - due.size(), due);
        }
        if (due.isEmpty()) {
            return due;
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE wf_run SET status = 'RUNNING', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
                       updated_at = ? WHERE id = ?""")) {
            for (Claimed run : due) {
                s.setString(1, owner);
                s.setTimestamp(2, ts(leaseUntil));
                s.setTimestamp(3, ts(now));
                s.setObject(4, run.id());
                s.addBatch();
            }
            s.executeBatch();
        }
        List<Claimed> resumed = due.stream().filter(r -> r.attempt() > 1).toList();
        if (!resumed.isEmpty()) {
            Map<UUID, Claimed> byId = new HashMap<>();
            resumed.forEach(r -> byId.put(r.id(), r));
            for (StepRecord step : steps(c, byId.keySet())) {
                byId.get(step.runId()).steps().put(step.stepId(), step);
            }
        }
        return due;
    }

    private static void select(Connection c, String sql, Instant now, int limit, List<Claimed> into)
            throws SQLException {
        // H2 is the embedded default: one node, one poller. It evaluates every candidate row of a
        // FOR UPDATE query before applying LIMIT, so there it selects without locking
        String query = isH2(c) ? sql.replace(" FOR UPDATE SKIP LOCKED", "") : sql;
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setTimestamp(1, ts(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    into.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), parse(rs.getString(3)),
                            rs.getInt(4) + 1, new HashMap<>()));
                }
            }
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    /**
     * Renews the lease of the run and checks this claim still holds it: the "advance" of every record.
     * {@code attempt} (the run's claim count when this claim was made) fences off an older claim of the same
     * node, e.g. of a node restarted under the same id while its previous incarnation still runs.
     */
    public static void advance(Connection c, UUID runId, String owner, int attempt, Instant now, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE wf_run SET lease_until = ?, updated_at = ?
                 WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING'""")) {
            s.setTimestamp(1, ts(leaseUntil));
            s.setTimestamp(2, ts(now));
            s.setObject(3, runId);
            s.setString(4, owner);
            s.setInt(5, attempt);
            if (s.executeUpdate() != 1) {
                throw new LeaseLostException(runId);
            }
        }
    }

    /** Parks a run this node holds: pending until {@code dueAt}, or waiting (for a signal) until then. */
    public static void park(Connection c, UUID runId, String owner, int attempt, RunStatus status, Instant dueAt,
            Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE wf_run SET status = ?, due_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
                 WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING'""")) {
            s.setString(1, status.name());
            s.setTimestamp(2, dueAt == null ? null : ts(dueAt));
            s.setTimestamp(3, ts(now));
            s.setObject(4, runId);
            s.setString(5, owner);
            s.setInt(6, attempt);
            if (s.executeUpdate() != 1) {
                throw new LeaseLostException(runId);
            }
        }
    }

    /** Ends a run this node holds. */
    public static void finish(Connection c, UUID runId, String owner, int attempt, RunStatus status, JsonNode output,
            String error, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE wf_run SET status = ?, output = ?, error = ?, due_at = NULL, lease_owner = NULL, lease_until = NULL,
                       updated_at = ? WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING'""")) {
            s.setString(1, status.name());
            s.setString(2, output == null ? null : output.toString());
            s.setString(3, error);
            s.setTimestamp(4, ts(now));
            s.setObject(5, runId);
            s.setString(6, owner);
            s.setInt(7, attempt);
            if (s.executeUpdate() != 1) {
                throw new LeaseLostException(runId);
            }
        }
    }

    /**
     * Writes a step: inserted if new, else updated from the attempt this worker read (a lost race on
     * either is a {@link StepConflictException}).
     */
    public static void writeStep(Connection c, StepRecord step, Integer previousAttempts) throws SQLException {
        if (previousAttempts == null) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO wf_step (run_id, step_id, name, input, status, output, error_kind, error, retryable, attempts,
                                         started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                bindStep(s, step);
                s.executeUpdate();
            } catch (SQLException e) {
                if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new StepConflictException(step.runId(), step.stepId());
                }
                throw e;
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE wf_step SET status = ?, output = ?, error_kind = ?, error = ?, retryable = ?, attempts = ?,
                       finished_at = ? WHERE run_id = ? AND step_id = ? AND attempts = ? AND status IN ('RETRYING', 'WAITING')""")) {
            s.setString(1, step.status());
            s.setString(2, step.output() == null ? null : step.output().toString());
            s.setString(3, step.errorKind());
            s.setString(4, step.error());
            s.setBoolean(5, step.retryable());
            s.setInt(6, step.attempts());
            s.setTimestamp(7, step.finishedAt() == null ? null : ts(step.finishedAt()));
            s.setObject(8, step.runId());
            s.setString(9, step.stepId());
            s.setInt(10, previousAttempts);
            if (s.executeUpdate() != 1) {
                throw new StepConflictException(step.runId(), step.stepId());
            }
        }
    }

    private static void bindStep(PreparedStatement s, StepRecord step) throws SQLException {
        s.setObject(1, step.runId());
        s.setString(2, step.stepId());
        s.setString(3, step.name());
        s.setString(4, step.input().toString());
        s.setString(5, step.status());
        s.setString(6, step.output() == null ? null : step.output().toString());
        s.setString(7, step.errorKind());
        s.setString(8, step.error());
        s.setBoolean(9, step.retryable());
        s.setInt(10, step.attempts());
        s.setTimestamp(11, ts(step.startedAt()));
        if (step.finishedAt() == null) {
            s.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(12, ts(step.finishedAt()));
        }
    }

    /**
     * Renews the leases of the runs {@code owner} is working on; the heartbeat of a live node. Only those:
     * a run this node claimed but no longer works on (its caller never ran it, its worker gave up on it)
     * must expire, so that another claim picks it up.
     */
    public static int renewLeases(Connection c, String owner, Collection<UUID> runIds, Instant leaseUntil)
            throws SQLException {
        List<UUID> ids = new ArrayList<>(runIds);
        int renewed = 0;
        for (int from = 0; from < ids.size(); from += RENEW_BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + RENEW_BATCH));
            String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE wf_run SET lease_until = ? WHERE lease_owner = ? AND status = 'RUNNING' AND id IN (%s)"
                            .formatted(marks))) {
                s.setTimestamp(1, ts(leaseUntil));
                s.setString(2, owner);
                int i = 3;
                for (UUID id : batch) {
                    s.setObject(i++, id);
                }
                renewed += s.executeUpdate();
            }
        }
        return renewed;
    }

    /** Lets every lease of {@code owner} expire now (a clean stop, or a restart under the same node id). */
    public static int expireLeases(Connection c, String owner, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE wf_run SET lease_until = ? WHERE lease_owner = ? AND status = 'RUNNING'")) {
            s.setTimestamp(1, ts(now.minusMillis(1)));
            s.setString(2, owner);
            return s.executeUpdate();
        }
    }

    /** The oldest signal {@code name} of the run not consumed yet, marked consumed by {@code stepId}. */
    public static Optional<JsonNode> consumeSignal(Connection c, UUID runId, String name, String stepId)
            throws SQLException {
        UUID id;
        String payload;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, payload FROM wf_signal WHERE run_id = ? AND name = ? AND consumed_by IS NULL
                 ORDER BY created_at LIMIT 1""")) {
            s.setObject(1, runId);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getObject(1, UUID.class);
                payload = rs.getString(2);
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE wf_signal SET consumed_by = ? WHERE id = ?")) {
            s.setString(1, stepId);
            s.setObject(2, id);
            s.executeUpdate();
        }
        return Optional.of(parse(payload));
    }

    /** Stores a signal and makes a run waiting for one due now; false when there is no such run. */
    public static boolean signal(Connection c, UUID runId, String name, JsonNode payload, Instant now)
            throws SQLException {
        // Lock the run first, whatever its status. A run parking concurrently either parked before (we see
        // it WAITING and make it due) or waits for this lock in its park transaction and then reads the
        // signal. Updating only a WAITING run locked nothing while it was RUNNING, and the signal was lost
        // until the wait's timeout. Finding no row also spares the foreign key violation, whose SQLSTATE
        // differs between PostgreSQL (23503) and H2 (23506).
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM wf_run WHERE id = ? FOR UPDATE")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO wf_signal (id, run_id, name, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, runId);
            s.setString(3, name);
            s.setString(4, payload.toString());
            s.setTimestamp(5, ts(now));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE wf_run SET due_at = ?, status = 'PENDING', updated_at = ? WHERE id = ? AND status = 'WAITING'")) {
            s.setTimestamp(1, ts(now));
            s.setTimestamp(2, ts(now));
            s.setObject(3, runId);
            s.executeUpdate();
        }
        return true;
    }

    public static Optional<RunRecord> find(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, kind, status, input, output, error, attempts, due_at, created_at, updated_at
                  FROM wf_run WHERE id = ?""")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    public static RunRecord run(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getObject("id", UUID.class), rs.getString("kind"),
                RunStatus.valueOf(rs.getString("status")), parse(rs.getString("input")), parse(rs.getString("output")),
                rs.getString("error"), rs.getInt("attempts"), instant(rs.getTimestamp("due_at")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    public static List<StepRecord> steps(Connection c, Collection<UUID> runIds) throws SQLException {
        List<StepRecord> steps = new ArrayList<>();
        if (runIds.isEmpty()) {
            return steps;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(runIds.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT run_id, step_id, name, input, status, output, error_kind, error, retryable, attempts, started_at,
                       finished_at FROM wf_step WHERE run_id IN (%s) ORDER BY COALESCE(finished_at, started_at), step_id""".formatted(marks))) {
            int i = 1;
            for (UUID id : runIds) {
                s.setObject(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    steps.add(new StepRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            parse(rs.getString(4)), rs.getString(5), parse(rs.getString(6)), rs.getString(7),
                            rs.getString(8), rs.getBoolean(9), rs.getInt(10), instant(rs.getTimestamp(11)),
                            instant(rs.getTimestamp(12))));
                }
            }
        }
        return steps;
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
