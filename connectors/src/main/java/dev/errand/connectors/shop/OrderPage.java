package dev.errand.connectors.shop;

import java.util.List;

/**
 * One page of an order listing, newest first.
 *
 * @param total how many orders match in all pages
 * @param hasNext whether a further page holds more
 */
public record OrderPage(List<OrderListing> orders, int page, int pageSize, long total, boolean hasNext) {
    public OrderPage {
        orders = List.copyOf(orders);
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, was " + total);
        }
    }
}
