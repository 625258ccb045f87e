package dev.errand.connectors.payments;

import dev.errand.connectors.FailureKind;

/**
 * The payment platform's answer did not carry a valid signature (or none where one is required): it is
 * not trusted, so nothing in it counts as done. Not retryable: usually the platform public key is wrong.
 */
public final class PaymentSignatureException extends PaymentsException {
    public PaymentSignatureException(String message) {
        super(message, false, null);
    }

    @Override
    public String userMessage() {
        return "the payment platform's answer could not be verified, so it was not trusted; "
                + "an administrator should check the platform public key (ERRAND_PAY_PLATFORM_PUBLIC_KEY)";
    }

    @Override
    public FailureKind kind() {
        return FailureKind.BAD_SIGNATURE;
    }
}
