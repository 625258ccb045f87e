package dev.errand.connectors.documents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where documents live: the source of truth the search index is derived from. Each write is one transaction, so a
 * document is stored whole (text, chunks, vectors) or not at all, and a replacement that fails keeps the old version.
 * {@link DocumentStores} makes the JDBC (PostgreSQL, H2) and in-memory ones.
 */
public interface DocumentStore {

    /** A document as the index needs it: its description, chunks and one vector per chunk. */
    record Indexable(DocumentInfo info, List<Chunk> chunks, List<float[]> vectors) {
    }

    void insert(DocumentInfo info, String text, List<Chunk> chunks, List<float[]> vectors);

    /**
     * Replaces the document {@code next.id()} of {@code next.tenant()}: title, format, groups, text, chunks and vectors,
     * with its version one higher. Empty when no such document.
     */
    Optional<DocumentInfo> replace(DocumentInfo next, String text, List<Chunk> chunks, List<float[]> vectors);

    boolean delete(String tenant, UUID id);

    /** The documents the reader may read, by title. */
    List<DocumentInfo> list(Reader reader);

    Optional<StoredDocument> find(String tenant, UUID id);

    /** Every document's version, across tenants: what the index must hold. */
    Map<UUID, Integer> versions();

    Optional<Indexable> indexable(UUID id);
}
