package dev.errand.connectors.payments;

import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.Objects;

/**
 * A refund of (part of) an order's payment. {@code idempotencyKey} is the step's key (1-255 characters;
 * Errand's own keys fit in 64): a request repeated with the same key refunds once. A connector whose
 * platform takes shorter keys maps longer ones deterministically (Alipay: see {@code AlipayRequestNumbers}).
 */
public record RefundRequest(OrderId orderId, Money amount, String reason, String idempotencyKey) {
    public static final int MAX_KEY_LENGTH = 255;

    public RefundRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey must be 1-" + MAX_KEY_LENGTH + " characters");
        }
    }
}
