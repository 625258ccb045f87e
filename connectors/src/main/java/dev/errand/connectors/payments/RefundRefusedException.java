package dev.errand.connectors.payments;

/** The payment platform refused a refund for a business reason; repeating the same request will not help. */
public final class RefundRefusedException extends PaymentsException {

    /** Why a refund was refused. */
    public enum Reason {
        /** The trade is closed, unpaid or finished for refunds. */
        NOT_REFUNDABLE,
        /** The amount is more than what is left of the payment. */
        AMOUNT_ABOVE_REMAINING,
        /** The refund's currency is not the payment's. */
        CURRENCY_MISMATCH,
        /** The same idempotency key was used before with another order or amount. */
        DISCORDANT_REPEAT,
        /** The amount is not a valid refund amount for the platform (e.g. zero, or more than two decimals). */
        INVALID_AMOUNT,
        /** The merchant's balance cannot cover the refund now; it can succeed after a top-up. */
        MERCHANT_BALANCE_TOO_LOW
    }

    private final Reason reason;

    public RefundRefusedException(Reason reason, String message) {
        super(message, false, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
