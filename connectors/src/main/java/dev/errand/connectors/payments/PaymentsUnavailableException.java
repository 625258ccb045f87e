package dev.errand.connectors.payments;

import dev.errand.connectors.FailureKind;

/**
 * The payment platform could not answer now (timeout, reset, 5xx, a body that is not its answer, a
 * system error); the same call may succeed later. Never means "not found".
 */
public final class PaymentsUnavailableException extends PaymentsException {
    public PaymentsUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }

    @Override
    public String userMessage() {
        return "the payment platform is not reachable right now, please try again later";
    }

    @Override
    public FailureKind kind() {
        return FailureKind.UNAVAILABLE;
    }
}
