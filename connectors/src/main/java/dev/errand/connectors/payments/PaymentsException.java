package dev.errand.connectors.payments;

import dev.errand.connectors.ConnectorException;

/** A payment platform call failed; the subclass says how. */
public abstract sealed class PaymentsException extends ConnectorException permits PaymentNotFoundException, RefundRefusedException {
    protected PaymentsException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
