package dev.errand.connectors.documents;

import dev.errand.connectors.documents.internal.MiniLmEmbedder;

/** The in-JVM embedding models. */
public final class Embedders {
    private Embedders() {
    }

    /**
     * all-MiniLM-L6-v2 (384 dimensions) through ONNX, shipped in its jar: one shared instance, loaded on first use
     * (a few seconds, ~100 MB). English-trained: Chinese questions lean on the BM25 side of the fusion.
     */
    public static Embedder allMiniLmL6V2() {
        return MiniLmEmbedder.instance();
    }
}
