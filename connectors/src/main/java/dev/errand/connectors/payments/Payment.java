package dev.errand.connectors.payments;

import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.Objects;

/** A payment on the payment platform: its trade number, the order it paid, amount and status. */
public record Payment(String tradeNo, OrderId orderId, Money amount, PaymentStatus status) {
    public Payment {
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }
}
