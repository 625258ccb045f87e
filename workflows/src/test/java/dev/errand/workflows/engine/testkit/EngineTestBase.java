package dev.errand.workflows.engine.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.EngineSettings;
import dev.errand.workflows.engine.NewRun;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunRecord;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.StepRecord;
import dev.errand.workflows.engine.internal.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every engine test needs: a database of its own for the class (PostgreSQL unless a subclass says
 * otherwise), engines that are stopped after each test, the tables emptied between tests, and short ways
 * to enqueue runs and wait for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTestBase {
    protected static final Duration AT_MOST = Duration.ofSeconds(15);

    protected TestDatabase db;
    private final List<Engine> engines = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();
    private final List<ConnectionPool> pools = new CopyOnWriteArrayList<>();

    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }

    @BeforeAll
    void openDatabase() {
        db = createDatabase();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void stopEngines() {
        // never leave a worker blocked: stop() would wait for it
        latches.forEach(l -> {
            while (l.getCount() > 0) {
                l.countDown();
            }
        });
        pools.forEach(p -> p.cutOff(false));
        engines.forEach(Engine::stop);
        engines.clear();
        latches.clear();
        pools.clear();
        db.truncate();
    }

    /** Short lease and poll interval: 4 main workers, lease 2 s, polling every 50 ms. */
    protected static EngineSettings settings(String nodeId) {
        return new EngineSettings(nodeId, 4, 2, Duration.ofSeconds(2), Duration.ofMillis(50), 16);
    }

    protected static EngineSettings settings(String nodeId, int workers, Duration lease) {
        return new EngineSettings(nodeId, workers, 2, lease, Duration.ofMillis(50), Math.max(16, workers * 2));
    }

    /** A pool of connections for one node, released (never cut off) after the test. */
    protected ConnectionPool pool(EngineSettings settings) {
        ConnectionPool pool = db.pool(settings.workers() + settings.laneWorkers() + 4);
        pools.add(pool);
        return pool;
    }

    /** An engine of one node on a pool of its own, not started; stopped after the test. */
    protected Engine engine(EngineSettings settings, Clock clock, RunHandler... handlers) {
        return engine(settings, clock, pool(settings), handlers);
    }

    protected Engine engine(EngineSettings settings, Clock clock, ConnectionPool pool, RunHandler... handlers) {
        Engine engine = new Engine(new Database(pool), settings, clock, List.of(handlers));
        engines.add(engine);
        return engine;
    }

    protected Engine started(EngineSettings settings, Clock clock, RunHandler... handlers) {
        Engine engine = engine(settings, clock, handlers);
        engine.start();
        return engine;
    }

    /** A latch released at the latest when the test ends, so no worker stays blocked on it. */
    protected CountDownLatch latch(int count) {
        CountDownLatch latch = new CountDownLatch(count);
        latches.add(latch);
        return latch;
    }

    protected static NewRun newRun(String kind, JsonNode input) {
        UUID id = UUID.randomUUID();
        return new NewRun(id, kind, id.toString(), input);
    }

    /** Enqueues a run in a transaction of its own and wakes the engine after the commit. */
    protected static UUID enqueue(Engine engine, NewRun run) {
        engine.database().transaction(c -> {
            engine.enqueue(c, run);
            return null;
        });
        engine.wake();
        return run.id();
    }

    protected static UUID enqueue(Engine engine, String kind, JsonNode input) {
        return enqueue(engine, newRun(kind, input));
    }

    protected Optional<RunRecord> find(UUID runId) {
        return db.database().transaction(c -> RunStore.find(c, runId));
    }

    protected RunRecord run(UUID runId) {
        return find(runId).orElseThrow(() -> new AssertionError("no run " + runId));
    }

    protected List<StepRecord> steps(UUID runId) {
        return db.database().transaction(c -> RunStore.steps(c, List.of(runId)));
    }

    protected StepRecord step(UUID runId, String stepId) {
        return steps(runId).stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + stepId + " in run " + runId));
    }

    /** The raw wf_run row, lease columns included. */
    protected Map<String, Object> runRow(UUID runId) {
        return db.row("SELECT status, due_at, lease_owner, lease_until, attempts FROM wf_run WHERE id = ?", runId);
    }

    protected RunRecord awaitStatus(UUID runId, RunStatus status) {
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(20))
                .until(() -> find(runId).map(RunRecord::status).orElse(null), s -> s == status);
        return run(runId);
    }

    protected RunRecord awaitFinished(UUID runId) {
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(20))
                .until(() -> find(runId).map(r -> r.status().finished()).orElse(false));
        return run(runId);
    }
}
