package dev.errand.connectors.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void should_rank_an_item_found_by_both_lists_above_items_found_by_one() {
        List<Map.Entry<String, Double>> fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b", "c"),
                List.of("d", "c", "e")));

        assertThat(fused).extracting(Map.Entry::getKey).startsWith("c");
        assertThat(fused.get(0).getValue()).isEqualTo(1.0 / 63 + 1.0 / 62);
        assertThat(fused).hasSize(5);
    }

    @Test
    void should_break_ties_by_first_appearance() {
        List<Map.Entry<String, Double>> fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b"), List.of("b", "a")));

        assertThat(fused).extracting(Map.Entry::getKey).containsExactly("a", "b");
        assertThat(ReciprocalRankFusion.fuse(List.of(List.of("x"), List.of()))).extracting(Map.Entry::getKey)
                .containsExactly("x");
    }

    @Test
    void should_weigh_each_list() {
        List<Map.Entry<String, Double>> fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b"), List.of("b", "c")),
                new double[] {1.0, 0.5});

        assertThat(fused.get(0).getKey()).isEqualTo("b");
        assertThat(fused.get(0).getValue()).isEqualTo(1.0 / 62 + 0.5 / 61);
        assertThat(fused).extracting(Map.Entry::getKey).containsExactly("b", "a", "c");
    }
}
