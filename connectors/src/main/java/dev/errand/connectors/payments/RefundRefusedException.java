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
        DISCORDANT_REPEAT
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
