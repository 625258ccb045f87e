package dev.errand.connectors;

/**
 * The system gave no usable answer: timeout, connection refused or reset, HTTP 5xx, an open circuit, or
 * a body that is not the system's format (HTML error page, garbage, unexpected shape, malformed JSON).
 * Never reported as a fact about the thing asked for.
 */
public class ConnectorUnavailableException extends TransientConnectorException {
    public ConnectorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.UNAVAILABLE;
    }

    @Override
    public String userMessage() {
        return "the system is not reachable right now, please try again later";
    }
}
