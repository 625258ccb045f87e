package dev.errand.connectors.sdk;

/**
 * Turns one answer into the connector's result. Throw a {@link dev.errand.connectors.ConnectorException}
 * subclass for an answer that reports a failure (not found, rejected...); any other exception (a JSON
 * parse error, a missing field) means the answer was not what the system sends, and becomes
 * {@link dev.errand.connectors.ConnectorUnavailableException}. HTTP 5xx, 408 and 429 never reach a reader.
 */
@FunctionalInterface
public interface ResponseReader<T> {
    T read(ConnectorResponse response) throws Exception;
}
