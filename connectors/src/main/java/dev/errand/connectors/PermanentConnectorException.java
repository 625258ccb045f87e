package dev.errand.connectors;

/** A failure that repeating the call cannot fix (not found, rejected, bad signature): never retried. */
public abstract class PermanentConnectorException extends ConnectorException {
    protected PermanentConnectorException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
