package dev.errand.connectors.documents;

import dev.errand.connectors.ConnectorException;

/** A document operation failed; subclasses name why. */
public abstract sealed class DocumentException extends ConnectorException
        permits InvalidDocumentException, DocumentNotFoundException {
    protected DocumentException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
