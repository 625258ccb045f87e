package dev.errand.connectors;

/** A failure the same call may get past later (throttled, unavailable): the SDK retries it with backoff. */
public abstract class TransientConnectorException extends ConnectorException {
    protected TransientConnectorException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
