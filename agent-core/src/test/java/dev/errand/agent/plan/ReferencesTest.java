package dev.errand.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> results;

    ReferencesTest() throws Exception {
        results = Map.of("s1", JSON.readTree("{\"orderId\":\"8812\",\"amount\":{\"amount\":\"120.00\",\"currency\":\"CNY\"},"
                + "\"lines\":[{\"title\":\"mug\"}]}"));
    }

    @Test
    void should_replace_a_whole_reference_with_the_value_keeping_its_type() throws Exception {
        JsonNode resolved = References.resolve(JSON.readTree("{\"a\":\"${steps.s1.result.amount}\","
                + "\"b\":\"${steps.s1.result.lines.0.title}\",\"c\":7}"), results);

        assertThat(resolved.get("a").isObject()).isTrue();
        assertThat(resolved.at("/a/amount").asText()).isEqualTo("120.00");
        assertThat(resolved.get("b").asText()).isEqualTo("mug");
        assertThat(resolved.get("c").asInt()).isEqualTo(7);
    }

    @Test
    void should_substitute_text_inside_a_longer_string() throws Exception {
        JsonNode resolved = References.resolve(JSON.readTree(
                "{\"reason\":\"refund ${steps.s1.result.amount.amount} on ${steps.s1.result.orderId}\"}"), results);

        assertThat(resolved.get("reason").asText()).isEqualTo("refund 120.00 on 8812");
    }

    @Test
    void should_name_a_missing_field() {
        assertThatThrownBy(() -> References.resolve(JSON.readTree("{\"a\":\"${steps.s1.result.buyer}\"}"), results))
                .isInstanceOf(References.UnresolvedReferenceException.class)
                .hasMessageContaining("the result of s1 has no.buyer");
    }

    @Test
    void should_find_the_steps_referred_to() throws Exception {
        assertThat(References.in(JSON.readTree("{\"a\":[\"${steps.x.result.y}\"],\"b\":{\"c\":\"${steps.z.result}\"}}")))
                .containsExactly("x", "z");
        assertThat(References.any(JSON.readTree("{\"a\":\"plain\"}"))).isFalse();
    }
}
