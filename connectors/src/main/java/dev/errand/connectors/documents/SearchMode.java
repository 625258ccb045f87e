package dev.errand.connectors.documents;

/** Which retrievers answer a search: BM25 alone, embeddings alone, or both fused by reciprocal rank. */
public enum SearchMode {
    KEYWORDS, EMBEDDINGS, HYBRID
}
