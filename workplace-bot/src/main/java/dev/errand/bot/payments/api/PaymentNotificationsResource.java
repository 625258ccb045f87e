package dev.errand.bot.payments.api;

import dev.errand.bot.api.ApiError;
import dev.errand.bot.identity.Caller;
import dev.errand.workflows.engine.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The payment platform's notifications as recorded (once per {@code notify_id}), newest first: for admins, who check
 * here that the platform's events reach Errand.
 */
@Path("/api/payments/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentNotificationsResource {
    private static final int LIMIT = 100;

    /** One recorded notification; amounts are decimal strings in {@code currency}, absent when not sent. */
    public record Notification(String platform, String notifyId, String notifyType, String outTradeNo, String tradeNo,
            String tradeStatus, String totalAmount, String refundFee, String currency, String outBizNo,
            String notifyTime, Instant receivedAt) {
    }

    @Inject
    Caller caller;

    @Inject
    Database database;

    @GET
    @Operation(summary = "Recorded payment notifications, newest first (at most 100)",
            description = "For an admin role; 403 for anyone else. orderId= keeps one order's (the trade's out_trade_no).")
    public Response list(@QueryParam("orderId") String orderId) {
        if (!caller.principal().admin()) {
            return ApiError.response(403, "only an admin role sees the payment platform's notifications");
        }
        if (orderId != null && !orderId.matches("[A-Za-z0-9_-]{1,64}")) {
            return ApiError.response(400, "orderId: must be 1 to 64 letters, digits, '-' or '_'");
        }
        List<Notification> rows = database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT platform, notify_id, notify_type, out_trade_no, trade_no, trade_status, total_amount,
                           refund_fee, currency, out_biz_no, notify_time, received_at
                      FROM payment_notification""" + (orderId == null ? "" : " WHERE out_trade_no = ?")
                    + " ORDER BY received_at DESC, notify_id LIMIT " + LIMIT)) {
                if (orderId != null) {
                    s.setString(1, orderId);
                }
                List<Notification> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Notification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), plain(rs.getBigDecimal(7)), plain(rs.getBigDecimal(8)),
                                rs.getString(9).strip(), rs.getString(10), rs.getString(11),
                                rs.getTimestamp(12).toInstant()));
                    }
                }
                return found;
            }
        });
        return Response.ok(rows).build();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
