package dev.errand.connectors.shop;

import dev.errand.connectors.ConnectorException;

/** A shop call failed; the subclass says how. */
public abstract sealed class ShopException extends ConnectorException
        permits OrderNotFoundException, ShopRejectedException, ShopUnavailableException {
    protected ShopException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
