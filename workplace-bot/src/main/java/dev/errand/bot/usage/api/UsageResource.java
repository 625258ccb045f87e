package dev.errand.bot.usage.api;

import dev.errand.agent.policy.Principal;
import dev.errand.bot.api.ApiError;
import dev.errand.bot.identity.Caller;
import dev.errand.bot.identity.Policies;
import dev.errand.workflows.engine.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What a tenant's requests cost in model tokens in a month, in all and per employee: for the tenant's admins. */
@Path("/api/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** One employee's share of the month. */
    public record EmployeeUsage(String employee, long runs, long tokens) {
    }

    /** A tenant's month: its budget (null when none is set), what its runs used, and who used it. */
    public record Usage(String tenant, String month, Long tokenBudget, long runs, long tokens,
            List<EmployeeUsage> employees) {
    }

    @Inject
    Caller caller;

    @Inject
    Policies policies;

    @Inject
    Database database;

    @Inject
    Clock clock;

    @GET
    @Operation(summary = "Model tokens used by the caller's tenant in a month (UTC), in all and per employee",
            description = "For an admin role of the tenant; 403 for anyone else. month=YYYY-MM, default the current one.")
    public Response usage(@QueryParam("month") String month) {
        Principal who = caller.principal();
        if (!who.admin()) {
            return ApiError.response(403, "only an admin role of the tenant sees its usage");
        }
        YearMonth period;
        try {
            period = month == null || month.isBlank() ? YearMonth.now(clock.withZone(ZoneOffset.UTC))
                    : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            return ApiError.response(400, "month: must read YYYY-MM, e.g. 2026-12");
        }
        Timestamp from = Timestamp.from(period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<EmployeeUsage> employees = database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT sender, COUNT(*), COALESCE(SUM(tokens), 0) FROM chat_message
                     WHERE tenant = ? AND received_at >= ? AND received_at < ?
                     GROUP BY sender ORDER BY 3 DESC, sender""")) {
                s.setString(1, who.tenant());
                s.setTimestamp(2, from);
                s.setTimestamp(3, to);
                List<EmployeeUsage> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new EmployeeUsage(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                    }
                }
                return rows;
            }
        });
        return Response.ok(new Usage(who.tenant(), period.toString(), policies.tokenBudgetPerMonth(who.tenant())
                .orElse(null), employees.stream().mapToLong(EmployeeUsage::runs).sum(),
                employees.stream().mapToLong(EmployeeUsage::tokens).sum(), employees)).build();
    }
}
