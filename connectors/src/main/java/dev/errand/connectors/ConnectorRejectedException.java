package dev.errand.connectors;

/** The system refused the request (argument, permission, business rule); repeating it will not help. */
public class ConnectorRejectedException extends PermanentConnectorException {
    public ConnectorRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.REJECTED;
    }
}
