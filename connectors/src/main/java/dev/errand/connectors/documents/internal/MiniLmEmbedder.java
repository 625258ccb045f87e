package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2 run in the JVM through ONNX (the model ships in the jar, no network). Loading it takes seconds and
 * about 100 MB, so the one instance is made on first use and shared by everything in the JVM.
 */
public final class MiniLmEmbedder implements Embedder {
    private static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();

    private MiniLmEmbedder() {
    }

    public static MiniLmEmbedder instance() {
        return INSTANCE;
    }

    /** Holder idiom: the model loads when the first text is embedded, once, thread-safely. */
    private static final class Model {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return Model.MODEL.embedAll(segments).content().stream().map(e -> normalize(e.vector())).toList();
    }

    static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
