package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.Chunk;
import dev.errand.connectors.documents.DocumentInfo;
import dev.errand.connectors.documents.DocumentStore;
import dev.errand.connectors.documents.Reader;
import dev.errand.connectors.documents.StoredDocument;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Documents in a map: for unit tests and the benchmark, where no database is wanted. */
public final class InMemoryDocumentStore implements DocumentStore {
    private record Row(DocumentInfo info, String text, List<Chunk> chunks, List<float[]> vectors) {
    }

    private final Map<UUID, Row> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(DocumentInfo info, String text, List<Chunk> chunks, List<float[]> vectors) {
        rows.put(info.id(), new Row(info, text, List.copyOf(chunks), List.copyOf(vectors)));
    }

    @Override
    public synchronized Optional<DocumentInfo> replace(DocumentInfo next, String text, List<Chunk> chunks,
            List<float[]> vectors) {
        Row old = rows.get(next.id());
        if (old == null || !old.info().tenant().equals(next.tenant())) {
            return Optional.empty();
        }
        DocumentInfo info = new DocumentInfo(next.id(), next.tenant(), next.title(), next.format(), next.groups(),
                old.info().version() + 1, chunks.size(), next.publishedBy(), next.updatedAt());
        rows.put(next.id(), new Row(info, text, List.copyOf(chunks), List.copyOf(vectors)));
        return Optional.of(info);
    }

    @Override
    public boolean delete(String tenant, UUID id) {
        Row row = rows.get(id);
        return row != null && row.info().tenant().equals(tenant) && rows.remove(id) != null;
    }

    @Override
    public List<DocumentInfo> list(Reader reader) {
        return rows.values().stream().map(Row::info)
                .filter(i -> reader.mayRead(i.tenant(), java.util.Set.copyOf(i.groups())))
                .sorted(Comparator.comparing(DocumentInfo::title).thenComparing(DocumentInfo::id)).toList();
    }

    @Override
    public Optional<StoredDocument> find(String tenant, UUID id) {
        return Optional.ofNullable(rows.get(id)).filter(r -> r.info().tenant().equals(tenant))
                .map(r -> new StoredDocument(r.info(), r.text(), r.chunks()));
    }

    @Override
    public Map<UUID, Integer> versions() {
        Map<UUID, Integer> out = new HashMap<>();
        rows.forEach((id, row) -> out.put(id, row.info().version()));
        return out;
    }

    @Override
    public Optional<Indexable> indexable(UUID id) {
        return Optional.ofNullable(rows.get(id)).map(r -> new Indexable(r.info(), r.chunks(), r.vectors()));
    }
}
