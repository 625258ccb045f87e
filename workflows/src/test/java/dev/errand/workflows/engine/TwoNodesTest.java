package dev.errand.workflows.engine;

import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static dev.errand.workflows.engine.testkit.Handlers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.journal.StepId;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two nodes, each with its own connections, share one PostgreSQL queue. */
class TwoNodesTest extends EngineTestBase {
    private static final int RUNS = 1_000;

    @Test
    void should_run_every_step_of_a_thousand_runs_exactly_once_across_two_nodes() {
        // given two started nodes
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runsByNode = new ConcurrentHashMap<>();
        Engine nodeA = started(settings("node-a", 4, Duration.ofSeconds(2)), TestClock.ticking(),
                twoSteps("node-a", executions, runsByNode));
        Engine nodeB = started(settings("node-b", 4, Duration.ofSeconds(2)), TestClock.ticking(),
                twoSteps("node-b", executions, runsByNode));

        // when 1,000 runs are enqueued in ten transactions, while both work
        List<NewRun> runs = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<NewRun> ofBatch = new ArrayList<>();
            for (int i = 0; i < RUNS / 10; i++) {
                ofBatch.add(newRun("two-steps", json("n", batch * 100 + i)));
            }
            nodeA.database().transaction(c -> {
                for (NewRun run : ofBatch) {
                    nodeA.enqueue(c, run);
                }
                return null;
            });
            runs.addAll(ofBatch);
            nodeA.wake();
            nodeB.wake();
        }

        // then
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> db.count("SELECT COUNT(*) FROM wf_run WHERE status IN ('SUCCEEDED', 'FAILED')") == RUNS);
        assertThat(db.count("SELECT COUNT(*) FROM wf_run WHERE status = 'SUCCEEDED'")).isEqualTo(RUNS);
        assertThat(db.count("SELECT COUNT(*) FROM wf_run WHERE attempts <> 1")).as("runs claimed twice").isZero();
        assertThat(db.count("SELECT COUNT(*) FROM wf_step WHERE status = 'SUCCEEDED' AND attempts = 1"))
                .isEqualTo(2L * RUNS);
        assertThat(executions).hasSize(2 * RUNS);
        assertThat(executions.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).hasValue(1));
        for (NewRun run : runs) {
            assertThat(executions).containsKeys(run.id() + "/s1", run.id() + "/s2");
        }
        assertThat(runsByNode.get("node-a").get() + runsByNode.get("node-b").get()).isEqualTo(RUNS);
        assertThat(runsByNode.get("node-a")).as("node-a worked").doesNotHaveValue(0);
        assertThat(runsByNode.get("node-b")).as("node-b worked").doesNotHaveValue(0);
    }

    private static RunHandler twoSteps(String node, Map<String, AtomicInteger> executions,
            Map<String, AtomicInteger> runsByNode) {
        runsByNode.put(node, new AtomicInteger());
        return handler("two-steps", run -> {
            for (String step : List.of("s1", "s2")) {
                run.step(StepId.of(step), "work", run.input(), RetryPolicy.NONE, () -> {
                    executions.computeIfAbsent(run.runId() + "/" + step, k -> new AtomicInteger()).incrementAndGet();
                    return ok(json("by", node));
                });
            }
            runsByNode.get(node).incrementAndGet();
            return completed(json("by", node));
        });
    }
}
