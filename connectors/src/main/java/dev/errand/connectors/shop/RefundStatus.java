package dev.errand.connectors.shop;

/**
 * A buyer's refund request as the shop platform names its state (TOP's refund {@code status}). Exchange
 * states and values the platform adds later read as {@link #UNKNOWN}.
 */
public enum RefundStatus {
    /** The buyer asked; waiting for the seller to agree. */
    WAIT_SELLER_AGREE,
    /** The seller agreed; waiting for the buyer to send the goods back. */
    WAIT_BUYER_RETURN_GOODS,
    /** The buyer sent the goods back; waiting for the seller to confirm receipt. */
    WAIT_SELLER_CONFIRM_GOODS,
    /** The seller refused the refund. */
    SELLER_REFUSE_BUYER,
    /** The refund was closed without money moving (withdrawn or refused for good). */
    CLOSED,
    /** The refund was paid. */
    SUCCESS,
    /** A value this version of Errand does not know. */
    UNKNOWN;

    /** The constant named {@code wire}, or {@link #UNKNOWN} for any other text (absent included). */
    public static RefundStatus fromWire(String wire) {
        return Wire.lookup(RefundStatus.class, wire, UNKNOWN);
    }
}
