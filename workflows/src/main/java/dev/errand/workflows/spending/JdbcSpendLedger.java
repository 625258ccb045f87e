package dev.errand.workflows.spending;

import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.Principal;
import dev.errand.money.Money;
import dev.errand.workflows.engine.Database;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;

/** The spend ledger in the engine's database (table {@code spend}); every write is idempotent on (run, step). */
public final class JdbcSpendLedger implements SpendLedger {
    private final Database database;
    private final Clock clock;

    public JdbcSpendLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public BigDecimal reservedOn(Principal who, LocalDate day, String tool, Currency currency, UUID runId,
            String exceptPrefix) {
        return database.transaction(c -> {
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
                s.setString(7, like(exceptPrefix));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBigDecimal(1);
                }
            }
        });
    }

    @Override
    public void reserve(Principal who, LocalDate day, String tool, Money amount, UUID runId, String stepId) {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO spend (run_id, step_id, tenant, employee, spent_on, tool, amount, currency, created_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM spend WHERE run_id = ? AND step_id = ?)""")) {
                s.setObject(1, runId);
                s.setString(2, stepId);
                s.setString(3, who.tenant());
                s.setString(4, who.employeeId());
                s.setDate(5, Date.valueOf(day));
                s.setString(6, tool);
                s.setBigDecimal(7, amount.amount());
                s.setString(8, amount.currency().getCurrencyCode());
                s.setTimestamp(9, Timestamp.from(clock.instant()));
                s.setObject(10, runId);
                s.setString(11, stepId);
                s.executeUpdate();
            }
            return null;
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

    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
