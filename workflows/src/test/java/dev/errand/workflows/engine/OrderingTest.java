package dev.errand.workflows.engine;

import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static dev.errand.workflows.engine.testkit.Handlers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Runs of one ordering key (a conversation) run one at a time in start order; other keys run alongside. */
class OrderingTest extends EngineTestBase {

    /** When a run's work started and ended. */
    record Span(String key, int index, long start, long end) {
    }

    @Test
    void should_run_runs_with_the_same_ordering_key_one_at_a_time_in_start_order() {
        // given two conversations of six messages each, enqueued before any worker looks
        List<Span> spans = new CopyOnWriteArrayList<>();
        RunHandler handler = handler("message", run -> {
            run.step(StepId.of("s1"), "answer", run.input(), RetryPolicy.NONE, () -> {
                long start = System.nanoTime();
                pause(30);
                spans.add(new Span(run.input().get("key").asText(), run.input().get("n").asInt(), start, System.nanoTime()));
                return ok(json());
            });
            return completed(json());
        });
        Engine engine = engine(settings("node-a", 4, Duration.ofSeconds(2)), TestClock.ticking(), handler);
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            for (String key : List.of("conversation-1", "conversation-2")) {
                ids.add(enqueue(engine, new NewRun(UUID.randomUUID(), "message", key, json("key", key, "n", n))));
            }
        }

        // when
        engine.start();

        // then
        ids.forEach(id -> awaitStatus(id, RunStatus.SUCCEEDED));
        for (String key : List.of("conversation-1", "conversation-2")) {
            List<Span> ofKey = spans.stream().filter(s -> s.key().equals(key))
                    .sorted(Comparator.comparingLong(Span::start)).toList();
            assertThat(ofKey).extracting(Span::index).as("start order of " + key).containsExactly(0, 1, 2, 3, 4, 5);
            for (int i = 1; i < ofKey.size(); i++) {
                assertThat(ofKey.get(i).start()).as("run %d of %s starts after run %d ended", i, key, i - 1)
                        .isGreaterThan(ofKey.get(i - 1).end());
            }
        }
        assertThat(overlaps(spans, "conversation-1", "conversation-2")).as("the two conversations ran alongside")
                .isTrue();
    }

    private static boolean overlaps(List<Span> spans, String key1, String key2) {
        for (Span a : spans) {
            for (Span b : spans) {
                if (a.key().equals(key1) && b.key().equals(key2) && a.start() < b.end() && b.start() < a.end()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void should_run_runs_with_different_ordering_keys_in_parallel() {
        // given four runs of four conversations, each of which waits until all four are running
        CountDownLatch allRunning = new CountDownLatch(4);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        RunHandler handler = handler("message", run -> {
            StepOutcome outcome = run.step(StepId.of("s1"), "answer", json(), RetryPolicy.NONE, () -> {
                mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                allRunning.countDown();
                try {
                    return ok(json("sawTheOthers", allRunning.await(10, TimeUnit.SECONDS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    concurrent.decrementAndGet();
                }
            });
            return completed(((StepOutcome.Succeeded) outcome).value());
        });
        Engine engine = started(settings("node-a", 4, Duration.ofSeconds(2)), TestClock.ticking(), handler);

        // when
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            ids.add(enqueue(engine, new NewRun(UUID.randomUUID(), "message", "conversation-" + n, json())));
        }

        // then
        for (UUID id : ids) {
            assertThat(awaitStatus(id, RunStatus.SUCCEEDED).output()).isEqualTo(json("sawTheOthers", true));
        }
        assertThat(mostConcurrent).hasValue(4);
    }

    @Test
    void should_hold_later_runs_of_a_key_while_an_earlier_run_waits_for_its_retry() {
        // given the first message's step fails once and is retried a second later
        TestClock clock = TestClock.frozen();
        RetryPolicy retry = new RetryPolicy(2, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1));
        AtomicInteger firstCalls = new AtomicInteger();
        AtomicInteger secondCalls = new AtomicInteger();
        RunHandler handler = handler("message", run -> {
            boolean first = run.input().get("n").asInt() == 1;
            run.step(StepId.of("s1"), "answer", run.input(), retry, () -> first
                    ? firstCalls.incrementAndGet() == 1 ? new StepOutcome.Failed("unavailable", true, "busy") : ok(json())
                    : ok(json("n", secondCalls.incrementAndGet())));
            return completed(json());
        });
        Engine engine = started(settings("node-a"), clock, handler);
        UUID first = enqueue(engine, new NewRun(UUID.randomUUID(), "message", "conversation-1", json("n", 1)));
        UUID second = enqueue(engine, new NewRun(UUID.randomUUID(), "message", "conversation-1", json("n", 2)));
        await().atMost(AT_MOST).until(() -> firstCalls.get() == 1 && run(first).status() == RunStatus.PENDING);

        // then the second waits behind the parked first
        await().during(Duration.ofMillis(300)).atMost(AT_MOST)
                .until(() -> secondCalls.get() == 0 && run(second).status() == RunStatus.PENDING);

        // when the retry falls due
        clock.advance(Duration.ofSeconds(1));
        engine.wake();

        // then
        awaitStatus(first, RunStatus.SUCCEEDED);
        awaitStatus(second, RunStatus.SUCCEEDED);
        assertThat(run(second).updatedAt()).isAfterOrEqualTo(run(first).updatedAt());
        assertThat(secondCalls).hasValue(1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the run's own work, not the test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
