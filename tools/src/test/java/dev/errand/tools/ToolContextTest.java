package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ToolContextTest {
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @Test
    void should_derive_the_idempotency_key_from_run_and_step() {
        assertThat(new ToolContext("acme", "alice", RUN, 3).idempotencyKey())
                .isEqualTo("00000000-0000-0000-0000-000000000042:3");
    }

    @Test
    void should_repeat_the_same_key_for_the_same_step() {
        assertThat(new ToolContext("acme", "alice", RUN, 1).idempotencyKey())
                .isEqualTo(new ToolContext("acme", "bob", RUN, 1).idempotencyKey())
                .isNotEqualTo(new ToolContext("acme", "alice", RUN, 2).idempotencyKey());
    }

    @Test
    void should_reject_steps_below_one() {
        assertThatThrownBy(() -> new ToolContext("acme", "alice", RUN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step must be at least 1");
    }

    @Test
    void should_require_tenant_employee_and_run() {
        assertThatThrownBy(() -> new ToolContext(null, "alice", RUN, 1)).hasMessage("tenant");
        assertThatThrownBy(() -> new ToolContext("acme", null, RUN, 1)).hasMessage("employee");
        assertThatThrownBy(() -> new ToolContext("acme", "alice", null, 1)).hasMessage("runId");
    }
}
