package dev.errand.connectors;

/**
 * A signature did not verify: the system refused ours (wrong key or secret), or its answer's signature
 * does not match (never treated as a success). A configuration or security problem, never retried.
 */
public class ConnectorBadSignatureException extends PermanentConnectorException {
    public ConnectorBadSignatureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.BAD_SIGNATURE;
    }
}
