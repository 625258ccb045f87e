package dev.errand.connectors.payments.alipay;

import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An asynchronous notification from the platform, after its signature was verified: what a waiting
 * workflow needs (which trade, which status, which amounts), without the buyer's ids or login, which are
 * personal data and are dropped here.
 *
 * @param notifyId the platform's id; the same on every redelivery
 * @param notifyType e.g. {@code trade_status_sync}
 * @param outTradeNo the shop order id the trade paid
 * @param tradeNo the platform's trade number, or empty
 * @param tradeStatus e.g. {@code TRADE_SUCCESS}, or empty
 * @param totalAmount the trade's amount, or {@code null} when not sent
 * @param refundFee the refunded amount the notification reports, or {@code null}
 * @param outBizNo the refund's request number on refund notifications, or empty
 * @param notifyTime the platform's {@code notify_time} as sent ({@code yyyy-MM-dd HH:mm:ss}, GMT+8)
 * @param receivedAt when Errand received it
 */
public record AlipayNotification(String notifyId, String notifyType, String outTradeNo, String tradeNo,
        String tradeStatus, Money totalAmount, Money refundFee, String outBizNo, String notifyTime, Instant receivedAt) {

    public AlipayNotification {
        if (notifyId == null || notifyId.isBlank() || notifyId.length() > 128) {
            throw new IllegalArgumentException("notify_id must be 1-128 characters");
        }
        Objects.requireNonNull(notifyType, "notifyType");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(tradeStatus, "tradeStatus");
        Objects.requireNonNull(outBizNo, "outBizNo");
        Objects.requireNonNull(notifyTime, "notifyTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Reads verified notification fields.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static AlipayNotification from(Map<String, String> fields, Instant receivedAt) {
        return new AlipayNotification(fields.getOrDefault("notify_id", ""), text(fields, "notify_type"),
                text(fields, "out_trade_no"), text(fields, "trade_no"), text(fields, "trade_status"),
                amount(fields, "total_amount"), amount(fields, "refund_fee"), text(fields, "out_biz_no"),
                text(fields, "notify_time"), receivedAt);
    }

    private static String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value != null && value.length() > 128) {
            throw new IllegalArgumentException(name + " is longer than 128 characters");
        }
        return value == null ? "" : value;
    }

    private static Money amount(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new Money(new BigDecimal(value), AlipayPaymentsConnector.CNY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a CNY amount");
        }
    }
}
