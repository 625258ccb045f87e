package dev.errand.connectors.documents;

import dev.errand.connectors.documents.internal.MixedLanguageAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** A fast stand-in for the ONNX model in unit tests: analyzed terms hashed into a normalized bag of words. */
public final class HashingEmbedder implements Embedder {
    private final Analyzer analyzer = new MixedLanguageAnalyzer();

    @Override
    public int dimension() {
        return 64;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::one).toList();
    }

    private float[] one(String text) {
        float[] v = new float[dimension()];
        v[0] = 0.01f; // never the zero vector, which cosine cannot compare
        try (TokenStream s = analyzer.tokenStream("f", text)) {
            CharTermAttribute t = s.addAttribute(CharTermAttribute.class);
            s.reset();
            while (s.incrementToken()) {
                v[Math.floorMod(t.toString().hashCode(), dimension())] += 1;
            }
            s.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / Math.sqrt(n));
        }
        return v;
    }
}
