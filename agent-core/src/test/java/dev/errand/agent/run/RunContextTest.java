package dev.errand.agent.run;

import dev.errand.agent.testing.TestRuns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.journal.StepId;
import dev.errand.tools.ToolContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunContextTest {
    private final UUID runId = UUID.randomUUID();
    private final RunContext run = new RunContext(runId, TestRuns.alice());

    @Test
    void should_give_a_step_the_context_of_its_stable_id() {
        ToolContext first = run.step(StepId.of("s1"));

        assertThat(first).isEqualTo(new ToolContext("acme", "alice", runId, "s1"));
        assertThat(run.step(StepId.of("s1")).idempotencyKey()).isEqualTo(first.idempotencyKey());
    }

    @Test
    void should_add_up_tokens() {
        run.addTokens(10);
        run.addTokens(5);

        assertThat(run.tokens()).isEqualTo(15);
    }

    @Test
    void should_note_demo_data() {
        assertThat(run.usedDemoData()).isFalse();
        run.markDemoDataUsed();
        assertThat(run.usedDemoData()).isTrue();
    }
}
