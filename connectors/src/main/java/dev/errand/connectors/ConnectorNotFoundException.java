package dev.errand.connectors;

/** The system answered, in its own format, that it has no such thing. */
public class ConnectorNotFoundException extends PermanentConnectorException {
    public ConnectorNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.NOT_FOUND;
    }
}
