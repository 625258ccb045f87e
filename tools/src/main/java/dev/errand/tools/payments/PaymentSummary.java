package dev.errand.tools.payments;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.ToolResult;

/** Result of {@code get_payment}. */
public record PaymentSummary(String tradeNo, OrderId orderId, Money amount, PaymentStatus status, DataOrigin origin)
        implements ToolResult {

    @Override
    public String title() {
        return "Payment of order " + orderId;
    }

    @Override
    public String markdown() {
        return "### Payment of order " + orderId + "\n"
                + "- Trade no: " + tradeNo + "\n"
                + "- Status: " + status + "\n"
                + "- Amount: " + amount + "\n";
    }
}
