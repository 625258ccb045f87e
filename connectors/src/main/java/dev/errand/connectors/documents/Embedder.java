package dev.errand.connectors.documents;

import java.util.List;

/** Turns text into unit-length vectors of {@link #dimension()} floats; cosine similarity compares them. */
public interface Embedder {
    int dimension();

    /** One vector per text, in order. */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }
}
