package dev.errand.workflows.spending;

import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.PlanDecision;
import dev.errand.agent.policy.PlannedCall;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.SpentToday;
import dev.errand.money.Money;
import dev.errand.workflows.engine.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The spend ledger in the engine's database (tables {@code spend}, {@code spend_lock}): a plan is judged in
 * one transaction holding the employee's row lock, so concurrent plans of one employee, on any node, are
 * judged one after the other against each other's reservations.
 */
public final class JdbcSpendLedger implements SpendLedger {
    private final Database database;
    private final Clock clock;

    public JdbcSpendLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public PlanDecision judge(Principal who, LocalDate day, UUID runId, String prefix, List<PlannedCall> calls,
            Function<SpentToday, PlanDecision> judge) {
        return database.transaction(c -> {
            lock(c, who);
            Map<String, BigDecimal> sums = new HashMap<>();
            PlanDecision decision = judge.apply((tool, currency) -> sums.computeIfAbsent(tool + "/" + currency,
                    k -> reserved(c, who, day, tool, currency, runId, prefix)));
            if (!(decision instanceof PlanDecision.Denied)) {
                for (PlannedCall call : calls) {
                    if (call.amount().isPresent()) {
                        reserve(c, who, day, call.tool(), call.amount().get(), runId, prefix + call.stepId());
                    }
                }
            }
            return decision;
        });
    }

    @Override
    public void release(UUID runId, String stepId) {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE spend SET released = TRUE WHERE run_id = ? AND step_id = ?")) {
                s.setObject(1, runId);
                s.setString(2, stepId);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static void lock(Connection c, Principal who) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO spend_lock (tenant, employee) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, who.tenant());
            s.setString(2, who.employeeId());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT employee FROM spend_lock WHERE tenant = ? AND employee = ? FOR UPDATE")) {
            s.setString(1, who.tenant());
            s.setString(2, who.employeeId());
            s.executeQuery().close();
        }
    }

    private static BigDecimal reserved(Connection c, Principal who, LocalDate day, String tool, Currency currency,
            UUID runId, String prefix) {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COALESCE(SUM(amount), 0) FROM spend
                 WHERE tenant = ? AND employee = ? AND spent_on = ? AND tool = ? AND currency = ? AND NOT released
                   AND NOT (run_id = ? AND step_id LIKE ?)""")) {
            s.setString(1, who.tenant());
            s.setString(2, who.employeeId());
            s.setDate(3, Date.valueOf(day));
            s.setString(4, tool);
            s.setString(5, currency.getCurrencyCode());
            s.setObject(6, runId);
            s.setString(7, like(prefix));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        } catch (SQLException e) {
            throw new Database.DatabaseException(e);
        }
    }

    private void reserve(Connection c, Principal who, LocalDate day, String tool, Money amount, UUID runId, String stepId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO spend (run_id, step_id, tenant, employee, spent_on, tool, amount, currency, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            s.setObject(1, runId);
            s.setString(2, stepId);
            s.setString(3, who.tenant());
            s.setString(4, who.employeeId());
            s.setDate(5, Date.valueOf(day));
            s.setString(6, tool);
            s.setBigDecimal(7, amount.amount());
            s.setString(8, amount.currency().getCurrencyCode());
            s.setTimestamp(9, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
