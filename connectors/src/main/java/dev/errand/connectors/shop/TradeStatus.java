package dev.errand.connectors.shop;

/**
 * A trade's status as the shop platform names it (TOP's {@code status} of a trade). A value the platform adds
 * later reads as {@link #UNKNOWN} rather than failing the whole answer.
 */
public enum TradeStatus {
    /** Created, no payment record yet. */
    TRADE_NO_CREATE_PAY,
    /** Waiting for the buyer to pay. */
    WAIT_BUYER_PAY,
    /** Part of the items shipped. */
    SELLER_CONSIGNED_PART,
    /** Paid, waiting for the seller to ship. */
    WAIT_SELLER_SEND_GOODS,
    /** Shipped, waiting for the buyer to confirm receipt. */
    WAIT_BUYER_CONFIRM_GOODS,
    /** Signed for by the buyer (cash on delivery). */
    TRADE_BUYER_SIGNED,
    /** Completed. */
    TRADE_FINISHED,
    /** Closed after payment, e.g. after a full refund. */
    TRADE_CLOSED,
    /** Closed by the platform before payment; never ship. */
    TRADE_CLOSED_BY_TAOBAO,
    /** Payment in progress. */
    PAY_PENDING,
    /** Waiting for a pre-authorisation to be confirmed. */
    WAIT_PRE_AUTH_CONFIRM,
    /** Paid but shipping is forbidden. */
    PAID_FORBID_CONSIGN,
    /** A value this version of Errand does not know. */
    UNKNOWN;

    /** The constant named {@code wire}, or {@link #UNKNOWN} for any other text (absent included). */
    public static TradeStatus fromWire(String wire) {
        return Wire.lookup(TradeStatus.class, wire, UNKNOWN);
    }
}
