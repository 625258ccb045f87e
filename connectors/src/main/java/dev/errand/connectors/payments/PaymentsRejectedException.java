package dev.errand.connectors.payments;

/**
 * The payment platform rejected Errand's request itself (bad signature, unknown app, missing permission,
 * invalid argument): a configuration or programming fault, not a fact about the order. Not retryable.
 */
public final class PaymentsRejectedException extends PaymentsException {
    private final String code;
    private final String subCode;

    public PaymentsRejectedException(String code, String subCode, String message) {
        super(message, false, null);
        this.code = code;
        this.subCode = subCode;
    }

    /** The platform's {@code code}, e.g. {@code 40002}. */
    public String code() {
        return code;
    }

    /** The platform's {@code sub_code}, e.g. {@code isv.invalid-signature}. */
    public String subCode() {
        return subCode;
    }

    @Override
    public String userMessage() {
        return "the payment platform rejected Errand's request (" + subCode + "); an administrator should check "
                + "the ERRAND_PAY_* settings";
    }
}
