package dev.errand.connectors.payments;

import dev.errand.connectors.FailureKind;
import dev.errand.connectors.shop.OrderId;

/** No payment is recorded for the order. */
public final class PaymentNotFoundException extends PaymentsException {
    public PaymentNotFoundException(OrderId orderId) {
        super("no payment found for order " + orderId, false, null);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.NOT_FOUND;
    }
}
