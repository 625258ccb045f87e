package dev.errand.workflows.engine;

import static dev.errand.workflows.engine.testkit.Handlers.completed;
import static dev.errand.workflows.engine.testkit.Handlers.handler;
import static dev.errand.workflows.engine.testkit.Handlers.json;
import static dev.errand.workflows.engine.testkit.Handlers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.agent.journal.StepId;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.internal.RunStore;
import dev.errand.workflows.engine.testkit.ConnectionPool;
import dev.errand.workflows.engine.testkit.EngineTestBase;
import dev.errand.workflows.engine.testkit.TestClock;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A signal whose transaction overlaps the run's parking is not lost (PostgreSQL, READ COMMITTED). */
class SignalRaceTest extends EngineTestBase {

    @Test
    void should_wake_a_run_whose_signal_committed_while_the_run_was_parking() throws Exception {
        // given a run about to wait for a signal, with an hour's timeout
        CountDownLatch aboutToWait = latch(1);
        RunHandler handler = handler("approval", run -> {
            run.step(StepId.of("s1"), "ask", json(), RetryPolicy.NONE, () -> ok(json()));
            aboutToWait.countDown();
            return completed(json("answer", run.awaitSignal(StepId.of("s2"), "approval", Duration.ofHours(1)).orElseThrow()));
        });
        Engine engine = started(settings("node-a"), TestClock.ticking(), handler);
        ConnectionPool signalPool = db.pool(1);
        UUID id;
        try (Connection signalling = signalPool.getConnection()) {
            signalling.setAutoCommit(false);
            id = enqueue(engine, "approval", json());
            assertThat(aboutToWait.await(10, TimeUnit.SECONDS)).isTrue();

            // when the signal's transaction starts before the run parks and commits after it parked (or tried to)
            assertThat(RunStore.signal(signalling, id, "approval", json("approved", true), Instant.now())).isTrue();
            UUID run = id;
            await().atMost(AT_MOST).until(() -> run(run).status() == RunStatus.WAITING || blockedOnALock());
            signalling.commit();
        } finally {
            signalPool.close();
        }

        // then the run gets the signal now, not when its hour is up
        RunRecord done = awaitStatus(id, RunStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(json("answer", json("approved", true)));
    }

    /** Whether some connection of this test's schema waits for a row lock (the parking run, behind the signal). */
    private boolean blockedOnALock() {
        return db.count("""
                SELECT COUNT(*) FROM pg_stat_activity
                 WHERE wait_event_type = 'Lock' AND application_name = ?""", db.applicationName()) > 0;
    }
}
