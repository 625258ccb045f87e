package dev.errand.agent.testing;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import java.util.ArrayList;
import java.util.List;

/** The demo payments, recording every refund call it receives (repeats included). */
public final class CountingPayments implements PaymentsConnector {
    private final DemoPaymentsConnector demo = new DemoPaymentsConnector();
    private final List<RefundRequest> refundCalls = new ArrayList<>();

    @Override
    public Payment paymentForOrder(OrderId orderId) {
        return demo.paymentForOrder(orderId);
    }

    @Override
    public synchronized Refund refund(RefundRequest request) {
        refundCalls.add(request);
        return demo.refund(request);
    }

    @Override
    public DataOrigin origin() {
        return demo.origin();
    }

    public synchronized List<RefundRequest> refundCalls() {
        return List.copyOf(refundCalls);
    }
}
