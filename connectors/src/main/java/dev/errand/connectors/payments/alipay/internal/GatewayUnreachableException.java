package dev.errand.connectors.payments.alipay.internal;

/**
 * No trustworthy answer came back (timeout, reset, HTTP error, a body that is not a gateway response): the
 * platform may or may not have acted. Checked, so every caller decides what an unknown outcome means.
 */
public final class GatewayUnreachableException extends Exception {
    public GatewayUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
