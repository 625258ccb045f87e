package dev.errand.connectors.shop;

import dev.errand.money.Money;
import java.util.List;
import java.util.Objects;

/** An order as the shop reports it. {@code total} is what the buyer paid, in the order's currency. */
public record Order(OrderId id, String status, List<OrderLine> lines, Money total, String buyer) {
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        Objects.requireNonNull(total, "total");
        buyer = buyer == null ? "" : buyer;
    }
}
