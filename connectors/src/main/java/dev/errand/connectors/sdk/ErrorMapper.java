package dev.errand.connectors.sdk;

import dev.errand.connectors.ConnectorException;

/**
 * Turns the SDK's final failure (after retries) into the connector's own exception type, e.g. a
 * {@code ShopUnavailableException}. Applied once per call, after retry decisions were made on the original.
 */
@FunctionalInterface
public interface ErrorMapper {
    ErrorMapper IDENTITY = e -> e;

    RuntimeException map(ConnectorException failure);
}
