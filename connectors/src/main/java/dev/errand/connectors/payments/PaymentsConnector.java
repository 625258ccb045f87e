package dev.errand.connectors.payments;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;

/** The company's payment platform (Alipay-style). This skeleton reads payments; refunds come next. */
public interface PaymentsConnector {

    /**
     * The payment that settled an order.
     *
     * @throws PaymentNotFoundException if no payment is recorded for the order
     */
    Payment paymentForOrder(OrderId orderId) throws PaymentsException;

    DataOrigin origin();
}
