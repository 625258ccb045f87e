package dev.errand.connectors.documents;

import java.util.List;

/** A document with its normalized text (markdown) and its chunks, as stored. */
public record StoredDocument(DocumentInfo info, String text, List<Chunk> chunks) {
    public StoredDocument {
        chunks = List.copyOf(chunks);
    }
}
