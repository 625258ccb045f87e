package dev.errand.connectors.shop;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which orders to list, newest first: optionally only one status and only those created in
 * {@code [createdFrom, createdTo]}, one page of them.
 *
 * @param page the page number, from 1
 * @param pageSize orders per page, 1 to {@value #MAX_PAGE_SIZE} (TOP's cap)
 */
public record OrderQuery(Optional<OrderStatusFilter> status, Optional<Instant> createdFrom,
        Optional<Instant> createdTo, int page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 20;

    public OrderQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdTo, "createdTo");
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        if (createdFrom.isPresent() && createdTo.isPresent() && createdFrom.get().isAfter(createdTo.get())) {
            throw new IllegalArgumentException("createdFrom must not be after createdTo");
        }
    }

    /** The first page of the newest orders, any status. */
    public static OrderQuery newest() {
        return new OrderQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1, DEFAULT_PAGE_SIZE);
    }

    public OrderQuery withStatus(OrderStatusFilter filter) {
        return new OrderQuery(Optional.of(filter), createdFrom, createdTo, page, pageSize);
    }

    public OrderQuery createdBetween(Instant from, Instant to) {
        return new OrderQuery(status, Optional.of(from), Optional.of(to), page, pageSize);
    }

    public OrderQuery page(int number, int size) {
        return new OrderQuery(status, createdFrom, createdTo, number, size);
    }

    /** Whether an order created at {@code created} in {@code status} belongs to the answer (any page). */
    public boolean matches(TradeStatus orderStatus, Instant created) {
        return status.map(f -> f.matches(orderStatus)).orElse(true)
                && createdFrom.map(from -> !created.isBefore(from)).orElse(true)
                && createdTo.map(to -> !created.isAfter(to)).orElse(true);
    }
}
