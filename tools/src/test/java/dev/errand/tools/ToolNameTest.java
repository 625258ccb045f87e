package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolNameTest {

    @Test
    void should_accept_lower_snake_case() {
        assertThat(ToolName.of("get_order").value()).isEqualTo("get_order");
        assertThat(ToolName.of("get_order")).hasToString("get_order").isEqualTo(new ToolName("get_order"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GetOrder", "get-order", "1tool", "_x", "get order"})
    void should_reject_names_that_are_not_lower_snake_case(String name) {
        assertThatThrownBy(() -> ToolName.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower snake case");
    }

    @Test
    void should_reject_names_longer_than_64_characters() {
        assertThat(ToolName.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> ToolName.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_null() {
        assertThatThrownBy(() -> ToolName.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
