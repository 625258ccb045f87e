package dev.errand.connectors.documents.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list gives an item {@code 1 / (k + rank)}, rank from 1; the
 * sums order the fused list. Only ranks count, so BM25 scores and cosine similarities need no common scale.
 */
public final class ReciprocalRankFusion {
    /** The constant of the paper; it damps the weight of the very first ranks. */
    public static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /** Items of all lists by fused score, highest first; ties keep the order in which items were first seen. */
    public static <T> List<Map.Entry<T, Double>> fuse(List<List<T>> rankings) {
        double[] weights = new double[rankings.size()];
        java.util.Arrays.fill(weights, 1.0);
        return fuse(rankings, weights);
    }

    /** Weighted fusion: list {@code j} adds {@code weights[j] / (K + rank)}. */
    public static <T> List<Map.Entry<T, Double>> fuse(List<List<T>> rankings, double[] weights) {
        if (weights.length != rankings.size()) {
            throw new IllegalArgumentException("one weight per ranking");
        }
        Map<T, Double> scores = new LinkedHashMap<>();
        for (int j = 0; j < rankings.size(); j++) {
            List<T> ranking = rankings.get(j);
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), weights[j] / (K + i + 1), Double::sum);
            }
        }
        Map<T, Integer> firstSeen = new HashMap<>();
        for (T item : scores.keySet()) {
            firstSeen.put(item, firstSeen.size());
        }
        List<Map.Entry<T, Double>> fused = new ArrayList<>(scores.entrySet());
        fused.sort((a, b) -> {
            int byScore = Double.compare(b.getValue(), a.getValue());
            return byScore != 0 ? byScore : Integer.compare(firstSeen.get(a.getKey()), firstSeen.get(b.getKey()));
        });
        return fused;
    }
}
