package dev.errand.workflows.engine;

import static dev.errand.workflows.engine.testkit.Handlers.JSON;
import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.failed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static dev.errand.workflows.engine.testkit.Handlers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.journal.JournalMismatchException;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine's core behaviours, run against PostgreSQL ({@link PostgresCoreBehavioursTest}) and against
 * H2 in PostgreSQL mode, the embedded default ({@link H2CoreBehavioursTest}).
 */
abstract class CoreBehaviours extends EngineTestBase {
    private static final Duration SHORT = Duration.ofMillis(300);

    // ---- 1. a run enqueued in a transaction is claimed, its steps recorded, its output stored

    @Test
    void should_run_a_run_enqueued_in_a_transaction_and_record_its_steps() {
        // given
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger notices = new AtomicInteger();
        RunHandler order = handler("order", run -> {
            StepOutcome found = run.step(StepId.of("s1"), "lookup", json("order", run.input().get("order").asInt()),
                    RetryPolicy.NONE, () -> {
                        lookups.incrementAndGet();
                        return ok(json("status", "paid"));
                    });
            String status = ((StepOutcome.Succeeded) found).value().get("status").asText();
            run.step(StepId.of("s2"), "notify", json("status", status), RetryPolicy.NONE, () -> {
                notices.incrementAndGet();
                return ok(json("sent", true));
            });
            return completed(json("order", run.input().get("order").asInt(), "status", status));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), order);
        NewRun run = newRun("order", json("order", 42));

        // when
        engine.database().transaction(c -> {
            engine.enqueue(c, run);
            return null;
        });
        engine.wake();

        // then
        RunRecord done = awaitStatus(run.id(), RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("order", 42, "status", "paid"));
        assertThat(done.error()).isNull();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.kind()).isEqualTo("order");
        assertThat(steps(run.id()))
                .extracting(StepRecord::stepId, StepRecord::name, StepRecord::status, StepRecord::attempts)
                .containsExactly(tuple("s1", "lookup", StepRecord.SUCCEEDED, 1), tuple("s2", "notify", StepRecord.SUCCEEDED, 1));
        assertThat(step(run.id(), "s1").input()).isEqualTo(json("order", 42));
        assertThat(step(run.id(), "s1").output()).isEqualTo(json("status", "paid"));
        assertThat(step(run.id(), "s2").finishedAt()).isNotNull();
        assertThat(runRow(run.id())).containsEntry("lease_owner", null).containsEntry("lease_until", null);
        assertThat(lookups).hasValue(1);
        assertThat(notices).hasValue(1);
        await().atMost(AT_MOST).until(() -> engine.held() == 0);
    }

    @Test
    void should_not_run_a_run_whose_enqueueing_transaction_rolled_back() {
        // given
        AtomicInteger calls = new AtomicInteger();
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler("order", run -> {
            calls.incrementAndGet();
            return completed(json());
        }));
        NewRun run = newRun("order", json());

        // when
        assertThatThrownBy(() -> engine.database().transaction(c -> {
            engine.enqueue(c, run);
            throw new IllegalStateException("the intake failed after the enqueue");
        })).isInstanceOf(IllegalStateException.class);
        engine.wake();

        // then
        await().during(SHORT).atMost(AT_MOST).until(() -> find(run.id()).isEmpty() && calls.get() == 0);
    }

    @Test
    void should_commit_step_and_run_hooks_with_the_engine_records() {
        // given
        db.update("CREATE TABLE IF NOT EXISTS wf_test_outbox (run_id UUID NOT NULL, note VARCHAR(100) NOT NULL)");
        RunHandler handler = handler("hooked", run -> {
            UUID id = run.runId();
            run.step(StepId.of("s1"), "deliver", json(), RetryPolicy.NONE, () -> ok(json("delivered", true)),
                    (c, outcome) -> note(c, id, "step " + outcome.getClass().getSimpleName()));
            return new RunResult.Completed(json("done", true), c -> note(c, id, "end"));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);

        // when
        UUID id = enqueue(engine, "hooked", json());

        // then
        awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(db.rows("SELECT note FROM wf_test_outbox WHERE run_id = ?", id))
                .extracting(r -> r.get("note")).containsExactlyInAnyOrder("step Succeeded", "end");
    }

    @Test
    void should_not_record_a_step_whose_hook_fails() {
        // given
        RunHandler handler = handler("hooked", run -> {
            run.step(StepId.of("s1"), "deliver", json(), RetryPolicy.NONE, () -> ok(json("delivered", true)),
                    (c, outcome) -> {
                        throw new SQLException("the outbox is full", "23514");
                    });
            return completed(json("done", true));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);

        // when
        UUID id = enqueue(engine, "hooked", json());

        // then
        RunRecord failed = awaitStatus(id, RunStatus.FAILED);
        assertThat(failed.error()).contains("23514");
        assertThat(steps(id)).isEmpty();
    }

    @Test
    void should_fail_a_run_of_a_kind_that_no_handler_runs() {
        // given
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler("order", run -> completed(json())));

        // when
        UUID id = enqueue(engine, "refund", json());

        // then
        assertThat(awaitStatus(id, RunStatus.FAILED).error()).isEqualTo("no handler for runs of kind refund");
    }

    // ---- 3. journal mismatch

    @Test
    void should_fail_the_run_when_a_replayed_step_has_another_name() {
        assertReplayMismatch(true);
    }

    @Test
    void should_fail_the_run_when_a_replayed_step_has_another_input() {
        assertReplayMismatch(false);
    }

    private void assertReplayMismatch(boolean rename) {
        // given a run that recorded step s1 and waits for a signal
        AtomicBoolean codeChanged = new AtomicBoolean();
        List<RuntimeException> raised = new CopyOnWriteArrayList<>();
        RunHandler handler = handler("mismatch", run -> {
            boolean changed = codeChanged.get();
            String name = changed && rename ? "lookup-v2" : "lookup";
            JsonNode input = changed && !rename ? json("order", 43) : json("order", 42);
            try {
                run.step(StepId.of("s1"), name, input, RetryPolicy.NONE, () -> ok(json("found", true)));
            } catch (JournalMismatchException e) {
                raised.add(e);
                throw e;
            }
            run.awaitSignal(StepId.of("s2"), "go", Duration.ofHours(1));
            return completed(json("done", true));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "mismatch", json());
        awaitStatus(id, RunStatus.WAITING);

        // when the code changes under the parked run, and it is replayed
        codeChanged.set(true);
        engine.signal(id, "go", json());

        // then
        RunRecord failed = awaitStatus(id, RunStatus.FAILED);
        assertThat(failed.error()).startsWith("JournalMismatchException").contains("step s1")
                .contains(rename ? "names differ" : "inputs differ");
        assertThat(raised).singleElement().isInstanceOfSatisfying(JournalMismatchException.class, e -> {
            assertThat(e.stepId()).isEqualTo(StepId.of("s1"));
            assertThat(e.recordedName()).isEqualTo("lookup");
            assertThat(e.attemptedName()).isEqualTo(rename ? "lookup-v2" : "lookup");
        });
        assertThat(step(id, "s1")).extracting(StepRecord::name, StepRecord::input, StepRecord::status)
                .containsExactly("lookup", json("order", 42), StepRecord.SUCCEEDED);
    }

    @Test
    void should_replay_a_step_whose_input_holds_decimals_as_the_same_step() {
        // given a step whose input carries an amount of money as a decimal, as payment tools do
        AtomicInteger charges = new AtomicInteger();
        RunHandler handler = handler("charge", run -> {
            ObjectNode input = JSON.createObjectNode().put("amount", new BigDecimal("10.00")).put("currency", "EUR");
            run.step(StepId.of("s1"), "charge", input, RetryPolicy.NONE, () -> {
                charges.incrementAndGet();
                return ok(json("charged", true));
            });
            run.awaitSignal(StepId.of("s2"), "go", Duration.ofHours(1));
            return completed(json("done", true));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "charge", json());
        awaitStatus(id, RunStatus.WAITING);

        // when
        engine.signal(id, "go", json());

        // then
        RunRecord done = awaitFinished(id);
        assertThat(done.error()).isNull();
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(charges).hasValue(1);
    }

    // ---- 4. retries

    @Test
    void should_park_a_retryable_failure_and_retry_it_after_its_backoff_until_it_succeeds() {
        // given a step that is unavailable twice, then succeeds
        TestClock clock = TestClock.frozen();
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(1));
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger charges = new AtomicInteger();
        RunHandler handler = handler("flaky", run -> {
            run.step(StepId.of("s1"), "prepare", json(), RetryPolicy.NONE, () -> {
                prepared.incrementAndGet();
                return ok(json());
            });
            StepOutcome charged = run.step(StepId.of("s2"), "charge", json("amount", 10), retry,
                    () -> charges.incrementAndGet() <= 2
                            ? new StepOutcome.Failed("unavailable", true, "the payment provider is down")
                            : ok(json("charged", true)));
            return completed(((StepOutcome.Succeeded) charged).value());
        });
        Engine engine = started(settings("node-a"), clock, handler);

        // when
        UUID id = enqueue(engine, "flaky", json());

        // then it parks after the first failure: pending, due after the backoff, no lease, no thread
        awaitStepAttempts(id, "s2", 1);
        assertParkedForRetry(id, engine, clock.instant(), Duration.ofMillis(150), Duration.ofMillis(200));
        assertThat(step(id, "s2")).extracting(StepRecord::status, StepRecord::errorKind, StepRecord::retryable)
                .containsExactly(StepRecord.RETRYING, "unavailable", true);

        // when the backoff passes, attempt 2 fails too and parks for twice as long
        clock.advance(Duration.ofMillis(200));
        engine.wake();
        awaitStepAttempts(id, "s2", 2);
        assertParkedForRetry(id, engine, clock.instant(), Duration.ofMillis(300), Duration.ofMillis(400));

        // when that backoff passes too
        clock.advance(Duration.ofMillis(400));
        engine.wake();

        // then
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("charged", true));
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(step(id, "s2")).extracting(StepRecord::status, StepRecord::attempts)
                .containsExactly(StepRecord.SUCCEEDED, 3);
        assertThat(charges).hasValue(3);
        assertThat(prepared).as("s1 is replayed, not run again").hasValue(1);
    }

    private void awaitStepAttempts(UUID id, String stepId, int attempts) {
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(20)).until(() -> steps(id).stream()
                .anyMatch(s -> s.stepId().equals(stepId) && s.attempts() == attempts));
    }

    private void assertParkedForRetry(UUID id, Engine engine, Instant failedAt, Duration earliest, Duration latest) {
        RunRecord parked = run(id);
        assertThat(parked.status()).isEqualTo(RunStatus.PENDING);
        assertThat(parked.dueAt()).isBetween(failedAt.plus(earliest).minusMillis(1), failedAt.plus(latest).plusMillis(1));
        assertThat(runRow(id)).containsEntry("lease_owner", null).containsEntry("lease_until", null);
        await().atMost(AT_MOST).until(() -> engine.held() == 0);
    }

    @Test
    void should_record_the_final_failure_and_hand_it_to_the_handler_when_attempts_run_out() {
        // given a step that is always unavailable, tried twice at most
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
        AtomicInteger charges = new AtomicInteger();
        AtomicReference<StepOutcome> seen = new AtomicReference<>();
        RunHandler handler = handler("flaky", run -> {
            StepOutcome outcome = run.step(StepId.of("s1"), "charge", json("amount", 10), retry, () -> {
                charges.incrementAndGet();
                return new StepOutcome.Failed("unavailable", true, "the payment provider is down");
            });
            seen.set(outcome);
            return outcome instanceof StepOutcome.Failed f ? failed("gave up: " + f.kind()) : completed(json());
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);

        // when
        UUID id = enqueue(engine, "flaky", json());

        // then
        RunRecord failed = awaitStatus(id, RunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("gave up: unavailable");
        assertThat(seen.get()).isEqualTo(new StepOutcome.Failed("unavailable", true, "the payment provider is down"));
        assertThat(step(id, "s1"))
                .extracting(StepRecord::status, StepRecord::attempts, StepRecord::errorKind, StepRecord::retryable)
                .containsExactly(StepRecord.FAILED, 2, "unavailable", true);
        assertThat(charges).hasValue(2);
    }

    @Test
    void should_not_retry_a_failure_that_is_not_retryable() {
        // given
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
        AtomicInteger charges = new AtomicInteger();
        RunHandler handler = handler("declined", run -> {
            StepOutcome outcome = run.step(StepId.of("s1"), "charge", json("amount", 10), retry, () -> {
                charges.incrementAndGet();
                return new StepOutcome.Failed("rejected", false, "the card was declined");
            });
            return completed(json("declined", outcome instanceof StepOutcome.Failed));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);

        // when
        UUID id = enqueue(engine, "declined", json());

        // then
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("declined", true));
        assertThat(done.attempts()).as("never parked").isEqualTo(1);
        assertThat(step(id, "s1"))
                .extracting(StepRecord::status, StepRecord::attempts, StepRecord::errorKind, StepRecord::retryable)
                .containsExactly(StepRecord.FAILED, 1, "rejected", false);
        assertThat(charges).hasValue(1);
    }

    // ---- 5. signals and durable timers

    @Test
    void should_park_a_run_waiting_for_a_signal_without_holding_a_thread_and_resume_it_with_the_payload() {
        // given
        AtomicInteger requests = new AtomicInteger();
        RunHandler handler = handler("approval", run -> {
            run.step(StepId.of("s1"), "ask", json(), RetryPolicy.NONE, () -> {
                requests.incrementAndGet();
                return ok(json("asked", true));
            });
            Optional<JsonNode> answer = run.awaitSignal(StepId.of("s2"), "approval", Duration.ofHours(1));
            return completed(json("answer", answer.orElseThrow()));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "approval", json());

        // then it parks: waiting, no lease, no thread held
        RunRecord waiting = awaitStatus(id, RunStatus.WAITING);
        assertThat(runRow(id)).containsEntry("lease_owner", null).containsEntry("lease_until", null);
        await().atMost(AT_MOST).until(() -> engine.held() == 0);
        assertThat(step(id, "s2").status()).isEqualTo(StepRecord.WAITING);
        assertThat(waiting.dueAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));

        // when
        boolean delivered = engine.signal(id, "approval", json("approved", true, "by", "bob"));

        // then
        assertThat(delivered).isTrue();
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("answer", json("approved", true, "by", "bob")));
        assertThat(step(id, "s2")).extracting(StepRecord::status, StepRecord::output)
                .containsExactly(StepRecord.SUCCEEDED, json("payload", json("approved", true, "by", "bob")));
        assertThat(requests).hasValue(1);
    }

    @Test
    void should_consume_a_signal_sent_while_the_run_is_still_running_before_it_waits() throws Exception {
        // given a run busy in the step before its wait
        CountDownLatch inStep = latch(1);
        CountDownLatch proceed = latch(1);
        RunHandler handler = handler("approval", run -> {
            run.step(StepId.of("s1"), "ask", json(), RetryPolicy.NONE, () -> {
                inStep.countDown();
                awaitLatch(proceed);
                return ok(json());
            });
            Optional<JsonNode> answer = run.awaitSignal(StepId.of("s2"), "approval", Duration.ofHours(1));
            return completed(json("answer", answer.orElseThrow()));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "approval", json());
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();

        // when
        boolean delivered = engine.signal(id, "approval", json("approved", true));
        proceed.countDown();

        // then
        assertThat(delivered).isTrue();
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("answer", json("approved", true)));
        assertThat(done.attempts()).as("it never parked").isEqualTo(1);
    }

    @Test
    void should_consume_a_signal_sent_before_the_run_was_claimed() {
        // given a run enqueued while no engine works
        RunHandler handler = handler("approval", run -> completed(json("answer",
                run.awaitSignal(StepId.of("s1"), "approval", Duration.ofHours(1)).orElseThrow())));
        Engine engine = engine(settings("node-a"), TestClock.ticking(), handler);
        UUID id = enqueue(engine, "approval", json());

        // when
        boolean delivered = engine.signal(id, "approval", json("approved", false));
        engine.start();

        // then
        assertThat(delivered).isTrue();
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("answer", json("approved", false)));
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void should_return_no_payload_when_the_signal_does_not_come_before_the_deadline() {
        // given
        TestClock clock = TestClock.frozen();
        RunHandler handler = handler("approval", run -> completed(json("timedOut",
                run.awaitSignal(StepId.of("s1"), "approval", Duration.ofMinutes(10)).isEmpty())));
        Engine engine = started(settings("node-a"), clock, handler);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS); // the databases keep microseconds
        UUID id = enqueue(engine, "approval", json());
        assertThat(awaitStatus(id, RunStatus.WAITING).dueAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));

        // when the deadline has not passed yet
        clock.advance(Duration.ofMinutes(9));
        engine.wake();

        // then
        await().during(SHORT).atMost(AT_MOST).until(() -> run(id).status() == RunStatus.WAITING);

        // when it has
        clock.advance(Duration.ofMinutes(1));
        engine.wake();

        // then
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("timedOut", true));
        assertThat(step(id, "s1")).extracting(StepRecord::status, StepRecord::output)
                .containsExactly(StepRecord.SUCCEEDED, json("timedOut", true));
    }

    @Test
    void should_resume_a_sleeping_run_once_its_duration_has_passed() {
        // given
        TestClock clock = TestClock.frozen();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        RunHandler handler = handler("reminder", run -> {
            run.step(StepId.of("s1"), "note", json(), RetryPolicy.NONE, () -> ok(json("n", before.incrementAndGet())));
            run.sleep(StepId.of("s2"), Duration.ofHours(1));
            run.step(StepId.of("s3"), "remind", json(), RetryPolicy.NONE, () -> ok(json("n", after.incrementAndGet())));
            return completed(json("reminded", true));
        });
        Engine engine = started(settings("node-a"), clock, handler);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS); // the databases keep microseconds

        // when
        UUID id = enqueue(engine, "reminder", json());

        // then it parks as a durable timer
        awaitStepAttempts(id, "s2", 1);
        assertThat(run(id)).extracting(RunRecord::status, RunRecord::dueAt)
                .containsExactly(RunStatus.PENDING, start.plus(Duration.ofHours(1)));
        await().atMost(AT_MOST).until(() -> engine.held() == 0);

        // when half the time has passed
        clock.advance(Duration.ofMinutes(30));
        engine.wake();

        // then
        await().during(SHORT).atMost(AT_MOST).until(() -> after.get() == 0 && run(id).status() == RunStatus.PENDING);

        // when all of it has
        clock.advance(Duration.ofMinutes(30));
        engine.wake();

        // then
        awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(before).hasValue(1);
        assertThat(after).hasValue(1);
        assertThat(step(id, "s2").output()).isEqualTo(json("timedOut", false));
    }

    @Test
    void should_replay_a_finished_timer_when_the_run_is_resumed_again() {
        // given a run that slept, then waits for a signal
        TestClock clock = TestClock.frozen();
        RunHandler handler = handler("reminder", run -> {
            run.sleep(StepId.of("s1"), Duration.ofMinutes(5));
            Optional<JsonNode> answer = run.awaitSignal(StepId.of("s2"), "answer", Duration.ofHours(1));
            return completed(json("answer", answer.orElseThrow()));
        });
        Engine engine = started(settings("node-a"), clock, handler);
        UUID id = enqueue(engine, "reminder", json());
        awaitStepAttempts(id, "s1", 1);
        clock.advance(Duration.ofMinutes(5));
        engine.wake();
        awaitStatus(id, RunStatus.WAITING);

        // when it is resumed and replays the finished timer
        engine.signal(id, "answer", json("text", "done"));

        // then
        RunRecord done = awaitFinished(id);
        assertThat(done.error()).isNull();
        assertThat(done.output()).isEqualTo(json("answer", json("text", "done")));
    }

    @Test
    void should_refuse_a_signal_for_an_unknown_run() {
        // given
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler("order", run -> completed(json())));

        // when
        boolean delivered = engine.signal(UUID.randomUUID(), "approval", json("approved", true));

        // then
        assertThat(delivered).isFalse();
        assertThat(db.count("SELECT COUNT(*) FROM wf_signal")).isZero();
    }

    // ---- 9. a run started claimed and run on the calling thread

    @Test
    void should_end_a_claimed_run_on_the_calling_thread_and_complete_its_future_at_once() {
        // given
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        RunHandler handler = handler("ask", run -> {
            ranOn.set(Thread.currentThread());
            run.step(StepId.of("s1"), "answer", json(), RetryPolicy.NONE, () -> ok(json("answer", 42)));
            return completed(json("answer", 42));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        NewRun run = newRun("ask", json("question", "?"));
        engine.database().transaction(c -> {
            engine.enqueueClaimed(c, run);
            return null;
        });

        // when
        CompletableFuture<RunEnd> end = engine.runClaimed(run);

        // then
        assertThat(end).isCompletedWithValue(new RunEnd(run.id(), RunStatus.SUCCEEDED, json("answer", 42), null));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(run(run.id())).extracting(RunRecord::status, RunRecord::attempts)
                .containsExactly(RunStatus.SUCCEEDED, 1);
        assertThat(engine.held()).isZero();
    }

    @Test
    void should_complete_the_future_later_when_a_claimed_run_parks_and_a_worker_ends_it() {
        // given a run whose step is unavailable once
        TestClock clock = TestClock.frozen();
        RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));
        List<Thread> attempts = new CopyOnWriteArrayList<>();
        RunHandler handler = handler("ask", run -> {
            StepOutcome answer = run.step(StepId.of("s1"), "answer", json(), retry, () -> {
                attempts.add(Thread.currentThread());
                return attempts.size() == 1 ? new StepOutcome.Failed("unavailable", true, "the model is busy")
                        : ok(json("answer", 42));
            });
            return completed(((StepOutcome.Succeeded) answer).value());
        });
        Engine engine = started(settings("node-a"), clock, handler);
        NewRun run = newRun("ask", json());
        engine.database().transaction(c -> {
            engine.enqueueClaimed(c, run);
            return null;
        });

        // when
        CompletableFuture<RunEnd> end = engine.runClaimed(run);

        // then it parked: the future waits
        assertThat(end).isNotDone();
        assertThat(run(run.id()).status()).isEqualTo(RunStatus.PENDING);
        assertThat(attempts).containsExactly(Thread.currentThread());

        // when the backoff passes
        clock.advance(Duration.ofSeconds(1));
        engine.wake();

        // then a worker ends the run and completes the future
        RunEnd ended = end.orTimeout(AT_MOST.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(ended).isEqualTo(new RunEnd(run.id(), RunStatus.SUCCEEDED, json("answer", 42), null));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getName()).startsWith("errand-" + Engine.MAIN_LANE);
    }

    @Test
    void should_complete_await_end_for_a_run_that_ended_before_anyone_waited() {
        // given
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler("order", run -> completed(json("ok", 1))));
        UUID id = enqueue(engine, "order", json());
        awaitStatus(id, RunStatus.SUCCEEDED);

        // when
        CompletableFuture<RunEnd> end = engine.awaitEnd(id);

        // then
        assertThat(end).succeedsWithin(Duration.ofSeconds(2))
                .isEqualTo(new RunEnd(id, RunStatus.SUCCEEDED, json("ok", 1), null));
    }

    private static void note(java.sql.Connection c, UUID runId, String note) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO wf_test_outbox (run_id, note) VALUES (?, ?)")) {
            s.setObject(1, runId);
            s.setString(2, note);
            s.executeUpdate();
        }
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
