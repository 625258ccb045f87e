package dev.errand.tools.orders;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.Objects;

/** Result of {@code get_order_refunds}: the order's refund requests, oldest first. */
public record OrderRefundsSummary(OrderId orderId, List<ShopRefund> refunds, DataOrigin origin) implements ToolResult {

    public OrderRefundsSummary {
        Objects.requireNonNull(orderId, "orderId");
        refunds = List.copyOf(refunds);
    }

    @Override
    public String title() {
        return "Refunds of order " + orderId;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title()).append('\n');
        if (refunds.isEmpty()) {
            md.append("No refund requests.\n");
        }
        for (ShopRefund refund : refunds) {
            md.append("- ").append(refund.refundId()).append(" · ");
            if (!refund.item().isEmpty()) {
                md.append(refund.item()).append(" · ");
            }
            md.append(refund.amount()).append(" · ").append(refund.status())
                    .append(" · asked ").append(ShopTimes.show(refund.created()));
            if (!refund.reason().isEmpty()) {
                md.append(" · reason: ").append(refund.reason());
            }
            if (refund.goodsReturned()) {
                md.append(" · goods returned");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
