package dev.errand.connectors.documents;

import dev.errand.connectors.documents.internal.Chunker;
import dev.errand.connectors.documents.internal.DocumentParser;
import dev.errand.connectors.documents.internal.LuceneIndex;
import dev.errand.connectors.documents.internal.ReciprocalRankFusion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Documents of all tenants: publish, replace, delete, list, read and search. The store is the truth; the Lucene index
 * on this node is derived from it: written after each commit here, and brought up to date with writes of other nodes by
 * {@link #catchUp()} (at start and then periodically). A document is parsed, chunked and embedded before anything is
 * stored, so a refused or failing document leaves the stored one as it was.
 */
public final class DocumentService implements AutoCloseable {
    /** How many hits each retriever hands to the fusion per result asked for. */
    private static final int CANDIDATES_PER_RESULT = 4;
    private static final int MIN_CANDIDATES = 20;

    private final DocumentStore store;
    private final Embedder embedder;
    private final Clock clock;
    private final Chunker chunker = Chunker.standard();
    private final DocumentParser parser = new DocumentParser();
    private final LuceneIndex index = new LuceneIndex();

    /**
     * The least cosine similarity at which a passage found only by embeddings counts as an answer: nearest neighbours
     * always exist, and without a floor a question the documents do not answer would still get k passages.
     */
    public static final double DEFAULT_MIN_SIMILARITY = 0.35;

    private final double minSimilarity;

    public DocumentService(DocumentStore store, Embedder embedder, Clock clock) {
        this(store, embedder, clock, DEFAULT_MIN_SIMILARITY);
    }

    public DocumentService(DocumentStore store, Embedder embedder, Clock clock, double minSimilarity) {
        this.store = store;
        this.embedder = embedder;
        this.clock = clock;
        this.minSimilarity = minSimilarity;
    }

    /** Stores a new document of {@code tenant}; answers its id and chunk count. */
    public Ingested publish(String tenant, String author, NewDocument document) {
        Prepared p = prepare(document);
        DocumentInfo info = new DocumentInfo(UUID.randomUUID(), tenant, p.title, document.format(), p.groups, 1,
                p.chunks.size(), author, clock.instant());
        store.insert(info, p.text, p.chunks, p.vectors);
        index.put(info, p.chunks, p.vectors);
        return new Ingested(info.id(), info.version(), p.chunks.size());
    }

    /** Replaces a document with a new version; its old chunks leave the index at once. */
    public Ingested replace(String tenant, String author, UUID id, NewDocument document) {
        if (store.find(tenant, id).isEmpty()) {
            throw new DocumentNotFoundException(id);
        }
        Prepared p = prepare(document);
        DocumentInfo next = new DocumentInfo(id, tenant, p.title, document.format(), p.groups, 0, p.chunks.size(),
                author, clock.instant());
        DocumentInfo stored = store.replace(next, p.text, p.chunks, p.vectors)
                .orElseThrow(() -> new DocumentNotFoundException(id));
        index.put(stored, p.chunks, p.vectors);
        return new Ingested(id, stored.version(), p.chunks.size());
    }

    public void delete(String tenant, UUID id) {
        if (!store.delete(tenant, id)) {
            throw new DocumentNotFoundException(id);
        }
        index.remove(id);
    }

    public List<DocumentInfo> list(Reader reader) {
        return store.list(reader);
    }

    /** The document, if the reader may read it; otherwise it does not exist for them. */
    public StoredDocument get(Reader reader, UUID id) {
        return store.find(reader.tenant(), id)
                .filter(d -> reader.mayRead(d.info().tenant(), Set.copyOf(d.info().groups())))
                .orElseThrow(() -> new DocumentNotFoundException(id));
    }

    /** The {@code k} passages that answer {@code query} best, by BM25 and embeddings fused. */
    public List<Passage> search(Reader reader, String query, int k) {
        return search(reader, query, k, SearchMode.HYBRID);
    }

    /** The {@code k} best passages by one retriever or both; all are readable by {@code reader}. */
    public List<Passage> search(Reader reader, String text, int k, SearchMode mode) {
        checkQuery(text, k);
        // control characters are no words; a query made only of them is empty (the embedder refuses it as blank)
        String query = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (query.isEmpty()) {
            throw new InvalidDocumentException("q", "is empty");
        }
        if (query.codePoints().noneMatch(Character::isLetterOrDigit)) {
            // punctuation, symbols or invisible characters only: no word to look for, and nothing for the model to
            // embed (its tokenizer drops them all and refuses the empty rest)
            return List.of();
        }
        int candidates = Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_RESULT);
        if (mode == SearchMode.KEYWORDS) {
            return top(index.keywords(reader, query, k), k);
        }
        double weight = mode == SearchMode.EMBEDDINGS ? 1.0 : embeddingWeight(query);
        if (weight == 0) {
            return top(index.keywords(reader, query, k), k);
        }
        // Lucene scores a cosine match (1 + cos) / 2
        double minScore = (1 + minSimilarity) / 2;
        List<Passage> nearest = index.nearest(reader, embedder.embed(query.strip()), mode == SearchMode.EMBEDDINGS
                ? k : candidates).stream().filter(p -> p.score() >= minScore).toList();
        if (mode == SearchMode.EMBEDDINGS) {
            return top(nearest, k);
        }
        List<Passage> keywords = index.keywords(reader, query, candidates);
        Map<String, Passage> byKey = new LinkedHashMap<>();
        List<String> keywordKeys = new ArrayList<>();
        List<String> vectorKeys = new ArrayList<>();
        for (Passage p : keywords) {
            byKey.putIfAbsent(key(p), p);
            keywordKeys.add(key(p));
        }
        for (Passage p : nearest) {
            byKey.putIfAbsent(key(p), p);
            vectorKeys.add(key(p));
        }
        List<Passage> fused = new ArrayList<>(k);
        double[] weights = {1.0, weight};
        for (Map.Entry<String, Double> e : ReciprocalRankFusion.fuse(List.of(keywordKeys, vectorKeys), weights)) {
            if (fused.size() == k) {
                break;
            }
            Passage p = byKey.get(e.getKey());
            fused.add(new Passage(p.documentId(), p.title(), p.headingPath(), p.position(), e.getValue(), p.text()));
        }
        return fused;
    }

    /**
     * How much the embeddings' ranking counts next to BM25's. all-MiniLM-L6-v2 learnt English: on a question mostly in
     * Han characters its ranking is close to noise, and even at a quarter of BM25's weight its overlap with BM25's
     * candidates pushed right answers out (the evaluation in bench/: Chinese recall@5 0.82 fused against 1.00 for BM25
     * alone), so such questions are answered by BM25 alone until a Chinese-capable model is configured.
     */
    static double embeddingWeight(String query) {
        long letters = query.codePoints().filter(Character::isLetter).count();
        long han = query.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
        return letters > 0 && han * 2 >= letters ? 0 : 1.0;
    }

    private static List<Passage> top(List<Passage> passages, int k) {
        return passages.size() <= k ? passages : passages.subList(0, k);
    }

    private static String key(Passage p) {
        return p.documentId() + "#" + p.position();
    }

    static void checkQuery(String query, int k) {
        if (query == null || query.isBlank()) {
            throw new InvalidDocumentException("q", "is empty");
        }
        if (query.length() > DocumentLimits.MAX_QUERY_CHARS) {
            throw new InvalidDocumentException("q", "at most " + DocumentLimits.MAX_QUERY_CHARS + " characters, was "
                    + query.length());
        }
        if (k < 1 || k > DocumentLimits.MAX_K) {
            throw new InvalidDocumentException("k", "must be between 1 and " + DocumentLimits.MAX_K);
        }
    }

    /**
     * Brings this node's index level with the store: documents added or changed elsewhere are indexed, deleted ones
     * removed. Answers how many documents changed in the index.
     */
    public int catchUp() {
        Map<UUID, Integer> wanted = store.versions();
        Map<UUID, Integer> indexed = index.versions();
        int changed = 0;
        for (Map.Entry<UUID, Integer> e : wanted.entrySet()) {
            if (!e.getValue().equals(indexed.get(e.getKey()))) {
                var doc = store.indexable(e.getKey());
                if (doc.isPresent()) {
                    index.put(doc.get().info(), doc.get().chunks(), doc.get().vectors());
                    changed++;
                }
            }
        }
        for (UUID id : indexed.keySet()) {
            if (!wanted.containsKey(id)) {
                index.remove(id);
                changed++;
            }
        }
        return changed;
    }

    private record Prepared(String title, List<String> groups, String text, List<Chunk> chunks, List<float[]> vectors) {
    }

    private Prepared prepare(NewDocument document) {
        String title = document.title() == null ? "" : document.title().strip();
        if (title.isEmpty()) {
            throw new InvalidDocumentException("title", "is missing");
        }
        if (title.length() > DocumentLimits.MAX_TITLE_CHARS) {
            throw new InvalidDocumentException("title", "at most " + DocumentLimits.MAX_TITLE_CHARS + " characters");
        }
        if (title.contains("\n") || title.contains("\r")) {
            throw new InvalidDocumentException("title", "must be one line");
        }
        if (document.groups().size() > DocumentLimits.MAX_GROUPS) {
            throw new InvalidDocumentException("groups", "at most " + DocumentLimits.MAX_GROUPS + " groups");
        }
        for (String group : document.groups()) {
            if (group == null || !Reader.GROUP.matcher(group).matches()) {
                throw new InvalidDocumentException("groups", "\"" + group + "\" is not a group name (letters, digits, "
                        + "'.', '_', '-'; at most 64)");
            }
        }
        String field = document.sourceField();
        if (document.source().length == 0) {
            throw new InvalidDocumentException(field, "is empty");
        }
        if (document.source().length > DocumentLimits.MAX_SOURCE_BYTES) {
            throw new InvalidDocumentException(field, "is " + document.source().length + " bytes, more than the limit of "
                    + DocumentLimits.MAX_SOURCE_BYTES + " (2 MB)");
        }
        String text = parser.toMarkdown(document.format(), document.source(), field).strip();
        if (text.isEmpty()) {
            throw new InvalidDocumentException(field, "has no text" + (document.format() == DocumentFormat.PDF
                    ? " (a scanned PDF without a text layer?)" : ""));
        }
        List<Chunk> chunks = chunker.chunk(text);
        if (chunks.isEmpty()) {
            throw new InvalidDocumentException(field, "has no text");
        }
        if (chunks.size() > DocumentLimits.MAX_CHUNKS) {
            throw new InvalidDocumentException(field, "makes " + chunks.size() + " chunks, more than the limit of "
                    + DocumentLimits.MAX_CHUNKS);
        }
        List<float[]> vectors = embedder.embedAll(chunks.stream()
                .map(c -> embeddingText(title, c)).collect(Collectors.toList()));
        List<String> groups = new ArrayList<>(new HashSet<>(document.groups()));
        groups.sort(null);
        return new Prepared(title, groups, text, chunks, vectors);
    }

    /** What is embedded for a chunk: its title and headings give it the context its text may leave out. */
    public static String embeddingText(String title, Chunk chunk) {
        return title + (chunk.headingPath().isEmpty() ? "" : " > " + chunk.heading()) + "\n" + chunk.text();
    }

    @Override
    public void close() throws Exception {
        index.close();
    }
}
