package dev.errand.connectors.payments;

import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.Objects;

/** What the payment platform knows of the refund asked under one request number. */
public sealed interface RefundStatus {

    /** The request number the refund was asked under (the idempotency key, as the platform holds it). */
    String requestNo();

    OrderId orderId();

    /** The refund was made: {@code amount} went back to the customer. */
    record Refunded(String requestNo, OrderId orderId, String tradeNo, Money amount) implements RefundStatus {
        public Refunded {
            Objects.requireNonNull(requestNo, "requestNo");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(tradeNo, "tradeNo");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** No refund was made under this number: never asked, refused, or not finished yet. */
    record NotRefunded(String requestNo, OrderId orderId) implements RefundStatus {
        public NotRefunded {
            Objects.requireNonNull(requestNo, "requestNo");
            Objects.requireNonNull(orderId, "orderId");
        }
    }
}
