package dev.errand.tools.payments;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.ToolResult;

/** Result of {@code refund_payment}: the refund made under the step's idempotency key. */
public record RefundSummary(String requestNo, OrderId orderId, String tradeNo, Money amount, Money refundedTotal,
        DataOrigin origin) implements ToolResult {

    @Override
    public String title() {
        return "Refund of order " + orderId;
    }

    @Override
    public String markdown() {
        return "### Refunded " + amount + " on order " + orderId + "\n"
                + "- Trade no: " + tradeNo + "\n"
                + "- Refund request: " + requestNo + "\n"
                + "- Refunded in all: " + refundedTotal + "\n";
    }
}
