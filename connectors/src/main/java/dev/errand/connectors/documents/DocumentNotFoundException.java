package dev.errand.connectors.documents;

import java.util.UUID;

/** No document with this id in the caller's tenant (or none the caller may read). */
public final class DocumentNotFoundException extends DocumentException {
    private final UUID id;

    public DocumentNotFoundException(UUID id) {
        super("document " + id + " not found", false, null);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
