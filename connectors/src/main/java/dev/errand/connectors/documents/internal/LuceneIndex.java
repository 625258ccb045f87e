package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.Chunk;
import dev.errand.connectors.documents.DocumentInfo;
import dev.errand.connectors.documents.Passage;
import dev.errand.connectors.documents.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The search index, derived from the database: one Lucene document per chunk with its text (BM25, analyzed by
 * {@link MixedLanguageAnalyzer}), its embedding (HNSW, cosine), and its tenant and reader groups as exact terms.
 * Every search carries the reader's tenant and groups as a filter inside the query (a filter clause for BM25, the
 * KNN query's own filter for vectors), so the top k are all readable. Writes are visible to the next search.
 */
public final class LuceneIndex implements AutoCloseable {
    /** The group term of a document every employee of its tenant reads; group names cannot start with '*'. */
    static final String WHOLE_TENANT = "*";
    private static final int MAX_QUERY_TERMS = 256;

    private final Analyzer analyzer = new MixedLanguageAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<UUID, Integer> versions = new ConcurrentHashMap<>();

    public LuceneIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** The version of each indexed document, for catching up with the database. */
    public Map<UUID, Integer> versions() {
        return Map.copyOf(versions);
    }

    /** Puts a document's chunks in place of whatever was indexed for it, in one atomic update. */
    public void put(DocumentInfo info, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
        List<Document> docs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            docs.add(luceneDocument(info, chunks.get(i), vectors.get(i)));
        }
        try {
            writer.updateDocuments(new Term("doc", info.id().toString()), docs);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.put(info.id(), info.version());
    }

    public void remove(UUID id) {
        try {
            writer.deleteDocuments(new Term("doc", id.toString()));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.remove(id);
    }

    private static Document luceneDocument(DocumentInfo info, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField("doc", info.id().toString(), Field.Store.YES));
        d.add(new StringField("tenant", info.tenant(), Field.Store.NO));
        if (info.groups().isEmpty()) {
            d.add(new StringField("group", WHOLE_TENANT, Field.Store.NO));
        }
        for (String group : info.groups()) {
            d.add(new StringField("group", group, Field.Store.NO));
        }
        d.add(new StoredField("title", info.title()));
        d.add(new StoredField("headings", String.join("\n", chunk.headingPath())));
        d.add(new StoredField("position", chunk.position()));
        d.add(new StoredField("text", chunk.text()));
        // the title and headings are searched with the text: a question names the topic more often than a passage does
        d.add(new TextField("body", info.title() + "\n" + String.join("\n", chunk.headingPath()) + "\n" + chunk.text(),
                Field.Store.NO));
        d.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.COSINE));
        return d;
    }

    /** What the reader may read, as a filter: their tenant, and a group of theirs or none. */
    static Query readable(Reader reader) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("tenant", reader.tenant())), BooleanClause.Occur.FILTER);
        if (!reader.everything()) {
            BooleanQuery.Builder groups = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("group", WHOLE_TENANT)), BooleanClause.Occur.SHOULD);
            reader.groups().stream().sorted().limit(1000)
                    .forEach(g -> groups.add(new TermQuery(new Term("group", g)), BooleanClause.Occur.SHOULD));
            filter.add(groups.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER);
        }
        return filter.build();
    }

    /**
     * BM25 over the analyzed query. The query is never given to a query parser: its words are analyzed like the
     * text and become plain term clauses, so {@code AND (}, {@code *:*} or quotes are only words (or nothing).
     */
    public List<Passage> keywords(Reader reader, String query, int n) {
        Set<String> terms = terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        terms.forEach(t -> words.add(new TermQuery(new Term("body", t)), BooleanClause.Occur.SHOULD));
        Query q = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST)
                .add(readable(reader), BooleanClause.Occur.FILTER).build();
        return run(q, n);
    }

    /** Nearest chunks by cosine, the reader's filter applied during the graph search. */
    public List<Passage> nearest(Reader reader, float[] vector, int n) {
        return run(new KnnFloatVectorQuery("vector", vector, n, readable(reader)), n);
    }

    Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private List<Passage> run(Query query, int n) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, n);
                List<Passage> out = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    Document d = searcher.storedFields().document(hit.doc);
                    String headings = d.get("headings");
                    out.add(new Passage(UUID.fromString(d.get("doc")), d.get("title"),
                            headings.isEmpty() ? List.of() : Arrays.asList(headings.split("\n")),
                            d.getField("position").numericValue().intValue(), hit.score, d.get("text")));
                }
                return out;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
