package dev.errand.connectors.payments.demo;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Seeded payments for the demo shop's orders, served when no payment platform is configured. */
public final class DemoPaymentsConnector implements PaymentsConnector {

    public static final List<Payment> PAYMENTS = List.of(
            new Payment("2026112622001400001", OrderId.of("8812"), Money.of("120.00", "CNY"), PaymentStatus.TRADE_SUCCESS),
            new Payment("2026112622001400002", OrderId.of("8813"), Money.of("236.50", "CNY"), PaymentStatus.TRADE_SUCCESS),
            new Payment("2026112622001400003", OrderId.of("8814"), Money.of("349.00", "CNY"), PaymentStatus.TRADE_CLOSED));

    private final Map<OrderId, Payment> byOrder = PAYMENTS.stream()
            .collect(Collectors.toUnmodifiableMap(Payment::orderId, Function.identity()));

    @Override
    public Payment paymentForOrder(OrderId orderId) {
        Payment payment = byOrder.get(orderId);
        if (payment == null) {
            throw new PaymentNotFoundException(orderId);
        }
        return payment;
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.DEMO;
    }
}
