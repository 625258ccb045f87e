package dev.errand.connectors.payments;

import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.Objects;

/**
 * A refund of (part of) an order's payment. {@code idempotencyKey} is the step's key (at most 64
 * characters, Alipay's {@code out_request_no}): a request repeated with the same key refunds once.
 */
public record RefundRequest(OrderId orderId, Money amount, String reason, String idempotencyKey) {
    public RefundRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > 64) {
            throw new IllegalArgumentException("idempotencyKey must be 1-64 characters");
        }
    }
}
