package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ToolContextTest {
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @Test
    void should_derive_the_idempotency_key_from_run_and_step_id() {
        assertThat(new ToolContext("acme", "alice", RUN, "s3").idempotencyKey())
                .isEqualTo("00000000000000000000000000000042-s3");
    }

    @Test
    void should_repeat_the_same_key_for_the_same_step_whoever_runs_it() {
        assertThat(new ToolContext("acme", "alice", RUN, "s1").idempotencyKey())
                .isEqualTo(new ToolContext("acme", "bob", RUN, "s1").idempotencyKey())
                .isNotEqualTo(new ToolContext("acme", "alice", RUN, "s2").idempotencyKey());
    }

    @Test
    void should_keep_the_longest_key_within_64_characters() {
        String longest = "s".repeat(31);
        assertThat(new ToolContext("acme", "alice", RUN, longest).idempotencyKey()).hasSize(64);
        assertThatThrownBy(() -> new ToolContext("acme", "alice", RUN, longest + "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepId must match");
    }

    @Test
    void should_reject_step_ids_with_odd_characters() {
        assertThatThrownBy(() -> new ToolContext("acme", "alice", RUN, "s 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepId");
        assertThatThrownBy(() -> new ToolContext("acme", "alice", RUN, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_require_tenant_employee_run_and_step() {
        assertThatThrownBy(() -> new ToolContext(null, "alice", RUN, "s1")).hasMessage("tenant");
        assertThatThrownBy(() -> new ToolContext("acme", null, RUN, "s1")).hasMessage("employee");
        assertThatThrownBy(() -> new ToolContext("acme", "alice", null, "s1")).hasMessage("runId");
        assertThatThrownBy(() -> new ToolContext("acme", "alice", RUN, null)).hasMessage("stepId");
    }

    @Test
    void should_back_off_exponentially_up_to_the_cap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }
}
