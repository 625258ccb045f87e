package dev.errand.connectors;

/**
 * A call to an external system failed. Subclasses name the kind of failure; {@link #retryable()} says
 * whether the same call may succeed later. {@link #getMessage()} is for logs, {@link #userMessage()}
 * is what an employee is shown.
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

    /** A short sentence fit for the chat thread. */
    public String userMessage() {
        return getMessage();
    }
}
