package dev.errand.bot.testkit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads what the application stored (chat messages, runs, steps) straight from the database. */
@ApplicationScoped
public class StoredRuns {

    /** A chat message's run as the tests look at it. */
    public record Row(UUID runId, String runStatus, String delivery, String deliveryError) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Rows of a query, columns joined with {@code " | "}. */
    public List<String> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int col = 1; col <= columns; col++) {
                        row.append(col > 1 ? " | " : "").append(rs.getString(col));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages were stored with a reply address ending in {@code session}. */
    public long countFor(String session) {
        return Long.parseLong(rows("select count(*) from chat_message where reply_to like ?", "%" + session).get(0));
    }

    /** The run of the message whose reply address ends in {@code session}, or null. */
    public Row forSession(String session) {
        List<String> found = rows("""
                select m.run_id, r.status, m.delivery_status, m.delivery_error from chat_message m
                  join wf_run r on r.id = m.run_id where m.reply_to like ?""", "%" + session);
        if (found.isEmpty()) {
            return null;
        }
        String[] cols = found.get(0).split(" \\| ", -1);
        return new Row(UUID.fromString(cols[0]), cols[1], cols[2], "null".equals(cols[3]) ? null : cols[3]);
    }
}
