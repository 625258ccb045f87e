package dev.errand.workflows.engine;

import static dev.errand.workflows.engine.CoreBehaviours.awaitLatch;
import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static dev.errand.workflows.engine.testkit.Handlers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.journal.StepId;
import dev.errand.tools.RetryPolicy;
import dev.errand.tools.ToolContext;
import dev.errand.workflows.engine.testkit.ConnectionPool;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leases on PostgreSQL: a dead node's run is taken over and replayed, a stale claim can change nothing,
 * a node restarted under its own id takes its runs back at once, and a clean stop hands them over at once.
 */
class TakeoverTest extends EngineTestBase {
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);

    @Test
    void should_replay_a_recorded_step_and_repeat_its_idempotency_key_when_another_node_takes_over()
            throws Exception {
        // given node A recorded step s1 of a run and is stuck in step s2
        Map<String, List<String>> keysSeen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> actions = new ConcurrentHashMap<>();
        CountDownLatch aInStep2 = latch(1);
        CountDownLatch releaseA = latch(1);
        List<RuntimeException> staleRecords = new CopyOnWriteArrayList<>();
        RunHandler onA = paymentHandler("node-a", keysSeen, actions, aInStep2, releaseA, staleRecords);
        RunHandler onB = paymentHandler("node-b", keysSeen, actions, aInStep2, releaseA, staleRecords);
        EngineSettings a = settings("node-a", 2, Duration.ofSeconds(1));
        ConnectionPool poolA = pool(a);
        Engine nodeA = engine(a, TestClock.ticking(), poolA, onA);
        nodeA.start();
        UUID id = enqueue(nodeA, "payment", json("amount", 10));
        assertThat(aInStep2.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(steps(id)).extracting(StepRecord::stepId).containsExactly("s1");

        // when A "dies": its claim cannot progress and its heartbeat cannot reach the database, so the lease expires
        poolA.cutOff(true);
        Engine nodeB = started(settings("node-b", 2, Duration.ofSeconds(1)), TestClock.ticking(), onB);

        // then B takes the run over, replays s1 and runs s2 again with the same idempotency key
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("charged", true, "by", "node-b"));
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(actions.get("s1")).as("s1 is replayed, not run again").hasValue(1);
        assertThat(actions.get("s2")).hasValue(2);
        String s1Key = step(id, "s1").idempotencyKey();
        String s2Key = step(id, "s2").idempotencyKey();
        assertThat(keysSeen.get("s1")).containsExactly(s1Key);
        assertThat(keysSeen.get("s2")).containsExactly(s2Key, s2Key);
        assertThat(s2Key).isNotEqualTo(s1Key).isEqualTo(new ToolContext("acme", "alice", id, "s2").idempotencyKey());

        // when A's stuck action returns at last
        RunRecord before = run(id);
        List<StepRecord> stepsBefore = steps(id);
        poolA.cutOff(false);
        releaseA.countDown();

        // then its record is refused and changes nothing
        await().atMost(AT_MOST).until(() -> staleRecords.size() == 1 && nodeA.held() == 0);
        assertThat(staleRecords.get(0)).isInstanceOfAny(LeaseLostException.class, StepConflictException.class);
        assertThat(run(id)).isEqualTo(before);
        assertThat(steps(id)).isEqualTo(stepsBefore);
        assertThat(nodeB.held()).isZero();
    }

    private static RunHandler paymentHandler(String node, Map<String, List<String>> keysSeen,
            Map<String, AtomicInteger> actions, CountDownLatch aInStep2, CountDownLatch releaseA,
            List<RuntimeException> staleRecords) {
        return handler("payment", run -> {
            run.step(StepId.of("s1"), "reserve", run.input(), RetryPolicy.NONE, () -> {
                act(run, "s1", keysSeen, actions);
                return ok(json("reserved", true));
            });
            try {
                run.step(StepId.of("s2"), "charge", run.input(), RetryPolicy.NONE, () -> {
                    if (act(run, "s2", keysSeen, actions) == 1) {
                        aInStep2.countDown();
                        awaitLatch(releaseA);
                    }
                    return ok(json("charged", true));
                });
            } catch (LeaseLostException | StepConflictException e) {
                staleRecords.add(e);
                throw e;
            }
            return completed(json("charged", true, "by", node));
        });
    }

    /** What a tool does first: derive its idempotency key from (run, step id); counts the executions. */
    private static int act(RunExecution run, String stepId, Map<String, List<String>> keysSeen,
            Map<String, AtomicInteger> actions) {
        String key = new ToolContext("acme", "alice", run.runId(), stepId).idempotencyKey();
        keysSeen.computeIfAbsent(stepId, k -> new CopyOnWriteArrayList<>()).add(key);
        return actions.computeIfAbsent(stepId, k -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void should_take_back_its_running_runs_at_once_when_restarted_under_the_same_node_id() {
        // given node A died holding a run whose lease has minutes to go
        AtomicInteger calls = new AtomicInteger();
        RunHandler handler = handler("ask", run -> {
            run.step(StepId.of("s1"), "answer", json(), RetryPolicy.NONE, () -> ok(json("n", calls.incrementAndGet())));
            return completed(json("attempt", run.attempt()));
        });
        EngineSettings a = settings("node-a", 2, LONG_LEASE);
        Engine dead = engine(a, TestClock.ticking(), handler);
        NewRun run = newRun("ask", json());
        dead.database().transaction(c -> {
            dead.enqueueClaimed(c, run);
            return null;
        });
        started(settings("node-b", 2, LONG_LEASE), TestClock.ticking(), handler);
        await().during(Duration.ofMillis(300)).atMost(AT_MOST)
                .until(() -> run(run.id()).status() == RunStatus.RUNNING && calls.get() == 0);

        // when A restarts under the same node id
        Engine restarted = engine(a, TestClock.ticking(), handler);
        restarted.start();

        // then it takes the run back without waiting for the lease
        await().atMost(Duration.ofSeconds(5)).until(() -> run(run.id()).status() == RunStatus.SUCCEEDED);
        assertThat(run(run.id()).output()).isEqualTo(json("attempt", 2));
        assertThat(calls).hasValue(1);
    }

    @Test
    void should_fence_off_the_stale_claim_of_a_previous_incarnation_of_the_same_node() throws Exception {
        // given incarnation 1 of node A is stuck in step s1 and lost its database
        CountDownLatch firstInS1 = latch(1);
        CountDownLatch releaseFirst = latch(1);
        CountDownLatch secondInS1 = latch(1);
        CountDownLatch releaseSecond = latch(1);
        AtomicInteger s1Calls = new AtomicInteger();
        AtomicInteger s2Calls = new AtomicInteger();
        List<RuntimeException> staleRecords = new CopyOnWriteArrayList<>();
        RunHandler handler = handler("payment", run -> {
            try {
                run.step(StepId.of("s1"), "reserve", json(), RetryPolicy.NONE, () -> {
                    if (s1Calls.incrementAndGet() == 1) {
                        firstInS1.countDown();
                        awaitLatch(releaseFirst);
                    } else {
                        secondInS1.countDown();
                        awaitLatch(releaseSecond);
                    }
                    return ok(json("reserved", true));
                });
            } catch (LeaseLostException | StepConflictException e) {
                staleRecords.add(e);
                throw e;
            }
            run.step(StepId.of("s2"), "charge", json(), RetryPolicy.NONE, () -> ok(json("n", s2Calls.incrementAndGet())));
            return completed(json("attempt", run.attempt()));
        });
        EngineSettings a = settings("node-a", 2, LONG_LEASE);
        ConnectionPool firstPool = pool(a);
        Engine first = engine(a, TestClock.ticking(), firstPool, handler);
        first.start();
        UUID id = enqueue(first, "payment", json());
        assertThat(firstInS1.await(10, TimeUnit.SECONDS)).isTrue();
        firstPool.cutOff(true);

        // when node A restarts as incarnation 2, which claims the run and is in s1 too
        Engine second = engine(a, TestClock.ticking(), handler);
        second.start();
        assertThat(secondInS1.await(10, TimeUnit.SECONDS)).isTrue();
        // ... and incarnation 1's action returns with its database back
        firstPool.cutOff(false);
        releaseFirst.countDown();

        // then incarnation 1 may record nothing, though the lease carries its node id
        await().atMost(AT_MOST).until(() -> staleRecords.size() == 1);
        assertThat(staleRecords.get(0)).isInstanceOf(LeaseLostException.class);
        assertThat(steps(id)).isEmpty();
        assertThat(s2Calls).hasValue(0);

        // when incarnation 2 goes on
        releaseSecond.countDown();

        // then it ends the run alone
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("attempt", 2));
        assertThat(s2Calls).hasValue(1);
    }

    @Test
    void should_release_its_leases_on_stop_so_another_node_claims_at_once() {
        // given node A holds a run (claimed for a caller that never ran it) with minutes of lease left
        AtomicInteger calls = new AtomicInteger();
        RunHandler onB = handler("ask", run -> {
            run.step(StepId.of("s1"), "answer", json(), RetryPolicy.NONE, () -> ok(json("n", calls.incrementAndGet())));
            return completed(json("by", "node-b"));
        });
        Engine nodeA = started(settings("node-a", 2, LONG_LEASE), TestClock.ticking(),
                handler("ask", run -> completed(json("by", "node-a"))));
        Engine nodeB = started(settings("node-b", 2, LONG_LEASE), TestClock.ticking(), onB);
        NewRun run = newRun("ask", json());
        nodeA.database().transaction(c -> {
            nodeA.enqueueClaimed(c, run);
            return null;
        });
        await().during(Duration.ofMillis(300)).atMost(AT_MOST)
                .until(() -> run(run.id()).status() == RunStatus.RUNNING && calls.get() == 0);

        // when
        nodeA.stop();
        nodeB.wake();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> run(run.id()).status() == RunStatus.SUCCEEDED);
        assertThat(run(run.id()).output()).isEqualTo(json("by", "node-b"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void should_let_work_in_progress_finish_when_stopped() throws Exception {
        // given a run in the middle of a step
        CountDownLatch inStep = latch(1);
        CountDownLatch release = latch(1);
        RunHandler handler = handler("ask", run -> {
            run.step(StepId.of("s1"), "answer", json(), RetryPolicy.NONE, () -> {
                inStep.countDown();
                awaitLatch(release);
                return ok(json());
            });
            return completed(json("done", true));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "ask", json());
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();

        // when
        Thread stopping = new Thread(engine::stop);
        stopping.start();
        await().during(Duration.ofMillis(300)).atMost(AT_MOST).until(stopping::isAlive);
        assertThat(run(id).status()).isEqualTo(RunStatus.RUNNING);
        release.countDown();
        stopping.join(10_000);

        // then
        assertThat(stopping.isAlive()).isFalse();
        assertThat(run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void should_claim_runs_again_after_the_same_engine_is_stopped_and_started() {
        // given
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler("ask", run -> completed(json("ok", true))));
        engine.stop();

        // when
        engine.start();
        UUID id = enqueue(engine, "ask", json());

        // then
        assertThat(awaitStatus(id, RunStatus.SUCCEEDED).output()).isEqualTo(json("ok", true));
    }

    @Test
    void should_let_another_node_take_over_a_claimed_run_that_its_caller_never_ran() throws Exception {
        // given node A is busy with one run and claimed another for a caller that failed before running it
        CountDownLatch busy = latch(1);
        CountDownLatch release = latch(1);
        RunHandler onA = handler("ask", run -> {
            if (run.input().path("slow").asBoolean()) {
                run.step(StepId.of("s1"), "think", json(), RetryPolicy.NONE, () -> {
                    busy.countDown();
                    awaitLatch(release);
                    return ok(json());
                });
            }
            return completed(json("by", "node-a"));
        });
        Engine nodeA = started(settings("node-a", 2, Duration.ofSeconds(1)), TestClock.ticking(), onA);
        UUID slow = enqueue(nodeA, "ask", json("slow", true));
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        NewRun orphan = newRun("ask", json());
        nodeA.database().transaction(c -> {
            nodeA.enqueueClaimed(c, orphan);
            return null;
        });

        // when
        started(settings("node-b", 2, Duration.ofSeconds(1)), TestClock.ticking(),
                handler("ask", run -> completed(json("by", "node-b"))));

        // then A's heartbeat keeps the lease of the run it works on, not of the one nobody runs, which expires
        // and is claimed again (by whichever node is quicker)
        RunRecord done = awaitStatus(orphan.id(), RunStatus.SUCCEEDED);
        assertThat(done.output()).isIn(json("by", "node-a"), json("by", "node-b"));
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(run(slow).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(runRow(slow)).containsEntry("lease_owner", "node-a");
        release.countDown();
        awaitStatus(slow, RunStatus.SUCCEEDED);
    }

    @Test
    void should_hand_over_a_run_whose_worker_died_of_an_error() {
        // given a handler that dies of an Error the first time
        AtomicInteger attempts = new AtomicInteger();
        RunHandler handler = handler("ask", run -> {
            if (attempts.incrementAndGet() == 1) {
                throw new StackOverflowError("the handler recursed too deep (simulated)");
            }
            return completed(json("attempt", run.attempt()));
        });
        Engine engine = started(settings("node-a", 2, Duration.ofSeconds(1)), TestClock.ticking(), handler);

        // when
        UUID id = enqueue(engine, "ask", json());

        // then the claim is dropped, its lease expires, and the run is claimed again (the Error itself goes on
        // to the worker thread's uncaught exception handler, which Awaitility must not take for the test's)
        await().dontCatchUncaughtExceptions().atMost(AT_MOST)
                .until(() -> run(id).status() == RunStatus.SUCCEEDED);
        RunRecord done = run(id);
        assertThat(done.output()).isEqualTo(json("attempt", 2));
        assertThat(engine.held()).isZero();
    }
}
