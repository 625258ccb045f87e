package dev.errand.connectors.payments;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;

/** The company's payment platform (Alipay-style): reads payments and refunds them. */
public interface PaymentsConnector {

    /**
     * The payment that settled an order.
     *
     * @throws PaymentNotFoundException if no payment is recorded for the order
     */
    Payment paymentForOrder(OrderId orderId) throws PaymentsException;

    /**
     * Refunds (part of) an order's payment, once per {@link RefundRequest#idempotencyKey()}: a repeat with
     * the same key and the same order and amount answers the refund already made and moves no money.
     *
     * @throws PaymentNotFoundException if no payment is recorded for the order
     * @throws RefundRefusedException if the platform refuses the refund
     */
    Refund refund(RefundRequest request) throws PaymentsException;

    /**
     * Whether a refund of the order's payment was made under {@code idempotencyKey} (the key the refund was
     * requested with, or the request number a {@link Refund} shows). Moves no money.
     *
     * @throws PaymentNotFoundException if no payment is recorded for the order
     * @throws UnsupportedOperationException from connectors written before this method (test doubles)
     */
    default RefundStatus refundStatus(OrderId orderId, String idempotencyKey) throws PaymentsException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot look refunds up");
    }

    DataOrigin origin();
}
