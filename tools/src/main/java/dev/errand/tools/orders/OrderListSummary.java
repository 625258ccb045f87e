package dev.errand.tools.orders;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderListing;
import dev.errand.connectors.shop.OrderPage;
import dev.errand.connectors.shop.OrderStatusFilter;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.Optional;

/**
 * Result of {@code list_orders}: one page of orders, newest first.
 *
 * @param status the status listed, or empty (not null) for every status
 */
public record OrderListSummary(String status, List<OrderListing> orders, int page, int pageSize, long total,
        boolean hasNext, DataOrigin origin) implements ToolResult {

    public OrderListSummary {
        status = status == null ? "" : status;
        orders = List.copyOf(orders);
    }

    public static OrderListSummary of(OrderPage page, Optional<OrderStatusFilter> status, DataOrigin origin) {
        return new OrderListSummary(status.map(OrderStatusFilter::name).orElse(""), page.orders(), page.page(),
                page.pageSize(), page.total(), page.hasNext(), origin);
    }

    @Override
    public String title() {
        return status.isEmpty() ? "Orders" : "Orders " + status;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title());
        long pages = Math.max(1, (total + pageSize - 1) / pageSize);
        md.append(" (page ").append(page).append(" of ").append(pages).append(", ").append(total)
                .append(total == 1 ? " order)\n" : " orders)\n");
        if (orders.isEmpty()) {
            md.append(total == 0 ? "No orders match.\n" : "No orders on this page.\n");
        }
        for (OrderListing order : orders) {
            md.append("- ").append(order.id()).append(" · ").append(order.status()).append(" · ").append(order.payment())
                    .append(" · created ").append(ShopTimes.show(order.created()));
            if (!order.buyer().isEmpty()) {
                md.append(" · ").append(order.buyer());
            }
            md.append('\n');
        }
        if (hasNext) {
            md.append("More on page ").append(page + 1).append(".\n");
        }
        return md.toString();
    }
}
