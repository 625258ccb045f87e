package dev.errand.connectors.shop;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.errand.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A buyer's refund request on an order as the shop records it (TOP's {@code refund}); not to be confused
 * with a payment refund, which moves the money.
 *
 * @param refundId the shop's refund id
 * @param item the title of the refunded item
 * @param amount the amount asked back ({@code refund_fee})
 * @param goodsReturned whether the buyer returns the goods ({@code has_good_return})
 */
public record ShopRefund(String refundId, OrderId orderId, String item, RefundStatus status, Money amount,
        String reason, boolean goodsReturned, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant modified) {
    public ShopRefund {
        if (refundId == null || refundId.isBlank()) {
            throw new IllegalArgumentException("refundId must not be blank");
        }
        Objects.requireNonNull(orderId, "orderId");
        item = item == null ? "" : item;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(created, "created");
        modified = modified == null ? created : modified;
    }
}
