package dev.errand.connectors.shop;

import dev.errand.money.Money;
import java.util.Objects;

/** One item of an order (Taobao's sub-order). */
public record OrderLine(String title, int quantity, Money unitPrice, String refundStatus) {
    public OrderLine {
        Objects.requireNonNull(title, "title");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        refundStatus = refundStatus == null ? "NO_REFUND" : refundStatus;
    }
}
