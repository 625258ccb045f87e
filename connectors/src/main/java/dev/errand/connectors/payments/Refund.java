package dev.errand.connectors.payments;

import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.Objects;

/**
 * A refund the payment platform made: {@code requestNo} is the idempotency key it was made under,
 * {@code refundedTotal} what the order's payment has been refunded in all, this refund included.
 */
public record Refund(String requestNo, OrderId orderId, String tradeNo, Money amount, Money refundedTotal) {
    public Refund {
        Objects.requireNonNull(requestNo, "requestNo");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refundedTotal, "refundedTotal");
    }
}
