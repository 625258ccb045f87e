package dev.errand.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.tools.ToolContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunContextTest {
    private final UUID runId = UUID.randomUUID();
    private final RunContext run = new RunContext(runId, "acme", "alice");

    @Test
    void should_number_steps_from_one_with_the_run_identity() {
        ToolContext first = run.nextStep();
        ToolContext second = run.nextStep();

        assertThat(first).isEqualTo(new ToolContext("acme", "alice", runId, 1));
        assertThat(second.step()).isEqualTo(2);
        assertThat(run.stepCount()).isEqualTo(2);
    }

    @Test
    void should_start_without_demo_data_and_remember_once_marked() {
        assertThat(run.usedDemoData()).isFalse();

        run.markDemoDataUsed();

        assertThat(run.usedDemoData()).isTrue();
    }

    @Test
    void should_add_up_tokens() {
        run.addTokens(120);
        run.addTokens(30);

        assertThat(run.tokens()).isEqualTo(150);
    }
}
