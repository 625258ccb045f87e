package dev.errand.bot.payments.alipay;

import dev.errand.bot.config.ErrandConfig;
import dev.errand.connectors.payments.alipay.AlipayNotification;
import dev.errand.connectors.payments.alipay.AlipaySignatures;
import dev.errand.workflows.engine.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Receives the platform's asynchronous notifications: verifies the RSA2 signature over the form fields
 * ({@code sign} and {@code sign_type} excluded) with the platform public key, checks {@code app_id}, records
 * the notification once per {@code notify_id} in {@code payment_notification}, and publishes a newly recorded one
 * on {@link PaymentNotificationChannel}. Buyer ids and logins are never logged nor stored.
 */
@ApplicationScoped
public class AlipayNotifications {
    private static final Logger LOG = Logger.getLogger(AlipayNotifications.class);
    static final String PLATFORM = "alipay";

    /** What became of one delivery. */
    public enum Outcome {
        /** New and valid: recorded and published; answer {@code success}. */
        RECORDED,
        /** Valid, already recorded: nothing new; answer {@code success} so the platform stops redelivering. */
        DUPLICATE,
        /** Not signed by the platform, for another app, or malformed: nothing recorded; answer {@code failure}. */
        REFUSED
    }

    @Inject
    ErrandConfig config;

    @Inject
    Database database;

    @Inject
    PaymentNotificationChannel channel;

    @Inject
    Clock clock;

    private volatile PublicKey platformKey;

    public Outcome receive(String formBody) {
        Optional<PublicKey> key = platformKey();
        Optional<String> appId = config.pay().appId();
        if (key.isEmpty() || appId.isEmpty()) {
            LOG.info("payment notification refused: no payment platform is configured (ERRAND_PAY_*)");
            return Outcome.REFUSED;
        }
        Map<String, String> fields = decode(formBody);
        if (fields == null) {
            LOG.info("payment notification refused: the body is not a form");
            return Outcome.REFUSED;
        }
        String signType = fields.getOrDefault("sign_type", "RSA2");
        if (!"RSA2".equals(signType) || !AlipaySignatures.verifyNotification(fields, key.get())) {
            LOG.info("payment notification refused: the signature does not verify with the platform public key");
            return Outcome.REFUSED;
        }
        if (!appId.get().equals(fields.get("app_id"))) {
            LOG.info("payment notification refused: app_id is not this app's");
            return Outcome.REFUSED;
        }
        AlipayNotification notification;
        try {
            notification = AlipayNotification.from(fields, clock.instant());
        } catch (IllegalArgumentException e) {
            LOG.infof("payment notification refused: %s", e.getMessage());
            return Outcome.REFUSED;
        }
        boolean recorded = record(notification);
        if (!recorded) {
            LOG.debugf("payment notification %s was already recorded", notification.notifyId());
            return Outcome.DUPLICATE;
        }
        channel.publish(notification);
        return Outcome.RECORDED;
    }

    private boolean record(AlipayNotification n) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO payment_notification (platform, notify_id, notify_type, out_trade_no, trade_no,
                        trade_status, total_amount, refund_fee, currency, out_biz_no, notify_time, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                s.setString(1, PLATFORM);
                s.setString(2, n.notifyId());
                s.setString(3, n.notifyType());
                s.setString(4, n.outTradeNo());
                s.setString(5, n.tradeNo());
                s.setString(6, n.tradeStatus());
                setAmount(s, 7, n.totalAmount() == null ? null : n.totalAmount().amount());
                setAmount(s, 8, n.refundFee() == null ? null : n.refundFee().amount());
                s.setString(9, "CNY");
                s.setString(10, n.outBizNo());
                s.setString(11, n.notifyTime());
                s.setTimestamp(12, Timestamp.from(n.receivedAt()));
                return s.executeUpdate() == 1;
            }
        });
    }

    private static void setAmount(PreparedStatement s, int index, BigDecimal amount) throws java.sql.SQLException {
        if (amount == null) {
            s.setNull(index, Types.DECIMAL);
        } else {
            s.setBigDecimal(index, amount);
        }
    }

    private Optional<PublicKey> platformKey() {
        PublicKey key = platformKey;
        if (key == null) {
            Optional<String> configured = config.pay().platformPublicKey();
            if (configured.isEmpty()) {
                return Optional.empty();
            }
            key = AlipaySignatures.publicKey(configured.get(), "ERRAND_PAY_PLATFORM_PUBLIC_KEY");
            platformKey = key;
        }
        return Optional.of(key);
    }

    /** The form's fields, URL-decoded as UTF-8; {@code null} when a field repeats or the body is empty. */
    static Map<String, String> decode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.put(name, value) != null) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return fields;
    }
}
