package dev.errand.connectors.payments;

import dev.errand.connectors.ConnectorException;

/** A payment platform call failed; the subclass says how. */
public abstract sealed class PaymentsException extends ConnectorException permits PaymentNotFoundException, RefundRefusedException,
        PaymentsUnavailableException, PaymentSignatureException, PaymentsRejectedException, RefundOutcomeUnknownException {
    protected PaymentsException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
