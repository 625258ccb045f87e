package dev.errand.bench;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo payments ({@link DemoPaymentsConnector#PAYMENTS}) with a refund ledger in memory that is
 * idempotent on the key like the demo's, checks the payment's status and currency like the demo's, but
 * has no cap on the total refunded, so thousands of 100.00 CNY refunds of order 8815 all succeed. Both
 * sides of the refund benchmark use their own instance of it.
 */
final class BenchPayments implements PaymentsConnector {
    private final DemoPaymentsConnector demo = new DemoPaymentsConnector();
    private final Map<String, Refund> refundsByKey = new HashMap<>();
    private final Map<OrderId, Money> refundedByOrder = new HashMap<>();
    private int refunds;

    @Override
    public Payment paymentForOrder(OrderId orderId) {
        return demo.paymentForOrder(orderId);
    }

    @Override
    public synchronized Refund refund(RefundRequest request) {
        Refund earlier = refundsByKey.get(request.idempotencyKey());
        if (earlier != null) {
            return earlier;
        }
        Payment payment = paymentForOrder(request.orderId());
        if (payment.status() != PaymentStatus.TRADE_SUCCESS) {
            throw new RefundRefusedException(RefundRefusedException.Reason.NOT_REFUNDABLE, "not refundable");
        }
        if (!payment.amount().currency().equals(request.amount().currency())) {
            throw new RefundRefusedException(RefundRefusedException.Reason.CURRENCY_MISMATCH, "other currency");
        }
        Money after = refundedByOrder.getOrDefault(request.orderId(), Money.zero(payment.amount().currency()))
                .plus(request.amount());
        Refund refund = new Refund(request.idempotencyKey(), request.orderId(), payment.tradeNo(), request.amount(), after);
        refundsByKey.put(request.idempotencyKey(), refund);
        refundedByOrder.put(request.orderId(), after);
        refunds++;
        return refund;
    }

    /** Refunds made (repeats of a key not counted). */
    synchronized int refunds() {
        return refunds;
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.DEMO;
    }

}
