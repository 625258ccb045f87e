package dev.errand.connectors.shop;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.errand.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One order of a listing: what a seller scans in a list. {@code payment} is what the buyer paid. */
public record OrderListing(OrderId id, TradeStatus status, Money payment,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, String buyer, List<OrderLine> lines) {
    public OrderListing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(created, "created");
        buyer = buyer == null ? "" : buyer;
        lines = List.copyOf(lines);
    }
}
