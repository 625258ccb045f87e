package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.workflows.engine.internal.Execution;
import dev.errand.workflows.engine.internal.RunStore;
import dev.errand.workflows.engine.internal.Workers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The durable engine of one node: starts runs, claims due ones on its workers, delivers signals, and
 * answers what the admin asks about runs. Several nodes share one database; the database is the queue,
 * so waking workers through messaging is an optimisation and never carries the only copy of anything.
 */
public final class Engine {
    /** The lane claimed runs start on. */
    public static final String MAIN_LANE = "main";

    private final Database database;
    private final EngineSettings settings;
    private final Clock clock;
    private final Workers workers;

    public Engine(Database database, EngineSettings settings, Clock clock, Collection<? extends RunHandler> handlers) {
        this.database = database;
        this.settings = settings;
        // PostgreSQL and H2 keep microseconds and round finer instants: a run stored due at t rounded up was not
        // due at t, and a timer's deadline (kept in full in its step's input) could be a hair after its due_at
        this.clock = Clock.tick(clock, Duration.ofNanos(1_000));
        Map<String, RunHandler> byKind = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(RunHandler::kind, Function.identity()));
        this.workers = new Workers(database, settings, this.clock, byKind);
    }

    public EngineSettings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    /** Starts claiming due runs (this node's own leftover leases first, when restarted under the same id). */
    public void start() {
        workers.start();
    }

    /** Stops claiming, lets running work finish for a while, and releases this node's leases. */
    public void stop() {
        workers.stop();
    }

    /**
     * Stores a new run, due now, in the caller's transaction: once that commits the run will be run,
     * whatever happens to this process. Call {@link #wake()} after the commit.
     */
    public void enqueue(Connection transaction, NewRun run) throws SQLException {
        RunStore.insert(transaction, run, clock.instant(), null, null);
    }

    /**
     * Stores a new run already claimed by this node, in the caller's transaction, for a caller that
     * runs it at once with {@link #runClaimed}. If this node dies first, the run is taken over when the
     * lease expires, like any other.
     */
    public void enqueueClaimed(Connection transaction, NewRun run) throws SQLException {
        RunStore.insert(transaction, run, clock.instant(), settings.nodeId(), clock.instant().plus(settings.lease()));
    }

    /**
     * Runs a run stored by {@link #enqueueClaimed} on the calling thread, as far as it goes. The future
     * completes when the run ends on this node: at once, or later if it parked (a retry, a signal).
     */
    public CompletableFuture<RunEnd> runClaimed(NewRun run) {
        CompletableFuture<RunEnd> end = workers.awaitEnd(run.id());
        workers.runInline(new Execution(run.id(), run.kind(), run.input(), 1, Map.of(), database, clock,
                settings.nodeId(), settings.lease(), "inline"));
        return end;
    }

    /**
     * Completes when the run ends on this node (not when another node ends it), or at once when it had
     * ended already: a run that ended between its enqueue and this call would otherwise be waited for forever.
     */
    public CompletableFuture<RunEnd> awaitEnd(UUID runId) {
        CompletableFuture<RunEnd> end = workers.awaitEnd(runId);
        if (!end.isDone()) {
            find(runId).filter(run -> run.status().finished()).ifPresent(run -> {
                workers.forget(runId);
                end.complete(new RunEnd(runId, run.status(), run.output(), run.error()));
            });
        }
        return end;
    }

    /** Stops waiting for a run's end (the caller gave up; the run goes on). */
    public void forget(UUID runId) {
        workers.forget(runId);
    }

    /** Wakes this node's workers to look for due runs now (after an intake commits, or a broker message). */
    public void wake() {
        workers.wake();
    }

    /** Delivers signal {@code name} to a run; a run waiting for it becomes due. False when the run is unknown. */
    public boolean signal(UUID runId, String name, JsonNode payload) {
        boolean known = database.transaction(c -> RunStore.signal(c, runId, name, payload, clock.instant()));
        if (known) {
            workers.wake();
        }
        return known;
    }

    /**
     * Delivers signal {@code name} in the caller's transaction, so that it is sent if and only if the
     * caller's own change commits (an approval's decision and its signal). Call {@link #wake()} after the
     * commit. False when the run is unknown.
     */
    public boolean signal(Connection transaction, UUID runId, String name, JsonNode payload) throws SQLException {
        return RunStore.signal(transaction, runId, name, payload, clock.instant());
    }

    /** The engine's clock. */
    public Clock clock() {
        return clock;
    }

    public Optional<RunRecord> find(UUID runId) {
        return database.transaction(c -> RunStore.find(c, runId));
    }

    public List<StepRecord> steps(UUID runId) {
        return database.transaction(c -> RunStore.steps(c, List.of(runId)));
    }

    /** Runs this node holds right now, all lanes together. */
    public int held() {
        return workers.held();
    }
}
