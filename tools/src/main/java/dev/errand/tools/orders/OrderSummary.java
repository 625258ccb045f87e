package dev.errand.tools.orders;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.money.Money;
import dev.errand.tools.ToolResult;
import java.util.List;

/** Result of {@code get_order}. */
public record OrderSummary(OrderId orderId, String status, List<OrderLine> items, Money amount, String buyer,
        DataOrigin origin) implements ToolResult {

    public static OrderSummary of(Order order, DataOrigin origin) {
        return new OrderSummary(order.id(), order.status(), order.lines(), order.total(), order.buyer(), origin);
    }

    @Override
    public String title() {
        return "Order " + orderId;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Order ").append(orderId).append('\n');
        md.append("- Status: ").append(status).append('\n');
        md.append("- Items:\n");
        for (OrderLine line : items) {
            md.append("  - ").append(line.title()).append(" × ").append(line.quantity())
                    .append(" at ").append(line.unitPrice());
            if (!"NO_REFUND".equals(line.refundStatus())) {
                md.append(" (refund: ").append(line.refundStatus()).append(')');
            }
            md.append('\n');
        }
        md.append("- Amount: ").append(amount).append('\n');
        md.append("- Buyer: ").append(buyer.isEmpty() ? "unknown" : buyer).append('\n');
        return md.toString();
    }
}
