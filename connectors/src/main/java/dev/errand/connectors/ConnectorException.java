package dev.errand.connectors;

/**
 * A call to an external system failed. Subclasses name the kind of failure; {@link #retryable()} says
 * whether the same call may succeed later, and {@link TransientConnectorException} /
 * {@link PermanentConnectorException} show it in the type. {@link #getMessage()} is for logs,
 * {@link #userMessage()} is what an employee is shown; neither ever holds a secret.
 */
public abstract class ConnectorException extends RuntimeException {
    private final boolean retryable;

    protected ConnectorException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The kind of failure, for metrics and for callers that handle kinds alike across connectors. */
    public FailureKind kind() {
        return retryable ? FailureKind.UNAVAILABLE : FailureKind.REJECTED;
    }

    /** A short sentence fit for the chat thread. */
    public String userMessage() {
        return getMessage();
    }
}
