package dev.errand.connectors.payments.demo;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.RefundStatus;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Seeded payments for the demo shop's orders, served when no payment platform is configured, with a
 * demo refund ledger in memory: idempotent on the key, refusing more than was paid. The ledger starts
 * empty at every start.
 */
public final class DemoPaymentsConnector implements PaymentsConnector {

    public static final List<Payment> PAYMENTS = List.of(
            new Payment("2026112622001400001", OrderId.of("8812"), Money.of("120.00", "CNY"), PaymentStatus.TRADE_SUCCESS),
            new Payment("2026112622001400002", OrderId.of("8813"), Money.of("236.50", "CNY"), PaymentStatus.TRADE_SUCCESS),
            new Payment("2026112622001400003", OrderId.of("8814"), Money.of("349.00", "CNY"), PaymentStatus.TRADE_CLOSED),
            new Payment("2026112622001400004", OrderId.of("8815"), Money.of("2680.00", "CNY"), PaymentStatus.TRADE_SUCCESS));

    private final Map<OrderId, Payment> byOrder = PAYMENTS.stream()
            .collect(Collectors.toUnmodifiableMap(Payment::orderId, Function.identity()));
    private final Map<String, Refund> refundsByKey = new HashMap<>();
    private final Map<OrderId, Money> refundedByOrder = new HashMap<>();

    @Override
    public Payment paymentForOrder(OrderId orderId) {
        Payment payment = byOrder.get(orderId);
        if (payment == null) {
            throw new PaymentNotFoundException(orderId);
        }
        return payment;
    }

    @Override
    public synchronized Refund refund(RefundRequest request) {
        Refund earlier = refundsByKey.get(request.idempotencyKey());
        if (earlier != null) {
            if (!earlier.orderId().equals(request.orderId()) || !earlier.amount().equals(request.amount())) {
                throw new RefundRefusedException(RefundRefusedException.Reason.DISCORDANT_REPEAT,
                        "this refund request was already made with another order or amount");
            }
            return earlier;
        }
        Payment payment = paymentForOrder(request.orderId());
        if (payment.status() != PaymentStatus.TRADE_SUCCESS) {
            throw new RefundRefusedException(RefundRefusedException.Reason.NOT_REFUNDABLE,
                    "the payment of order " + request.orderId() + " is " + payment.status() + " and cannot be refunded");
        }
        if (!payment.amount().currency().equals(request.amount().currency())) {
            throw new RefundRefusedException(RefundRefusedException.Reason.CURRENCY_MISMATCH,
                    "order " + request.orderId() + " was paid in " + payment.amount().currency().getCurrencyCode()
                            + ", not " + request.amount().currency().getCurrencyCode());
        }
        Money refunded = refundedByOrder.getOrDefault(request.orderId(), Money.zero(payment.amount().currency()));
        Money after = refunded.plus(request.amount());
        if (after.amount().compareTo(payment.amount().amount()) > 0) {
            throw new RefundRefusedException(RefundRefusedException.Reason.AMOUNT_ABOVE_REMAINING,
                    "order " + request.orderId() + " has " + new Money(payment.amount().amount()
                            .subtract(refunded.amount()), refunded.currency()) + " left to refund, less than "
                            + request.amount());
        }
        Refund refund = new Refund(request.idempotencyKey(), request.orderId(), payment.tradeNo(), request.amount(), after);
        refundsByKey.put(request.idempotencyKey(), refund);
        refundedByOrder.put(request.orderId(), after);
        return refund;
    }

    @Override
    public synchronized RefundStatus refundStatus(OrderId orderId, String idempotencyKey) {
        paymentForOrder(orderId);
        Refund refund = refundsByKey.get(idempotencyKey);
        if (refund == null || !refund.orderId().equals(orderId)) {
            return new RefundStatus.NotRefunded(idempotencyKey, orderId);
        }
        return new RefundStatus.Refunded(refund.requestNo(), orderId, refund.tradeNo(), refund.amount());
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.DEMO;
    }
}
