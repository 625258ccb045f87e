package dev.errand.workflows.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.EngineSettings;
import dev.errand.workflows.engine.LeaseLostException;
import dev.errand.workflows.engine.RunEnd;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunResult;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.StepConflictException;
import dev.errand.workflows.engine.TransactionHook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A node's workers: one poller claims due runs in batches as the main lane has room, lanes of bounded
 * thread pools run them, and a heartbeat renews the leases of everything the node holds.
 */
public final class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final Database database;
    private final EngineSettings settings;
    private final Clock clock;
    private final Map<String, RunHandler> handlers;
    private final Map<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
    private final Map<UUID, Execution> held = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<RunEnd>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger mainBusy = new AtomicInteger();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread poller;
    private ScheduledExecutorService heartbeat;

    public Workers(Database database, EngineSettings settings, Clock clock, Map<String, RunHandler> handlers) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.handlers = handlers;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // a node restarted under the same id knows its old leases are dead: take them back at once
        int own = database.transaction(c -> RunStore.expireLeases(c, settings.nodeId(), clock.instant()));
        if (own > 0) {
            LOG.infof("taking back %d runs this node held before it stopped", own);
        }
        lane(Engine.MAIN_LANE);
        poller = new Thread(this::poll, "errand-engine-poller");
        poller.setDaemon(true);
        poller.start();
        heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("errand-engine-heartbeat"));
        long every = Math.max(200, settings.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.release();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
        lanes.values().forEach(ExecutorService::shutdown);
        for (ExecutorService lane : lanes.values()) {
            try {
                lane.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lanes.forEach((name, lane) -> {
            List<Runnable> neverStarted = lane.shutdownNow();
            if (Engine.MAIN_LANE.equals(name)) {
                mainBusy.addAndGet(-neverStarted.size());
            }
        });
        // shut down for good: a start() after this stop() needs lanes of its own, or every claim is rejected
        lanes.clear();
        // whatever is still held is handed over now rather than when the lease would expire (a claim still
        // running past this point is fenced off once another claim takes the run)
        held.clear();
        database.transaction(c -> RunStore.expireLeases(c, settings.nodeId(), clock.instant()));
    }

    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public int held() {
        return held.size();
    }

    public CompletableFuture<RunEnd> awaitEnd(UUID runId) {
        return waiters.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    public void forget(UUID runId) {
        waiters.remove(runId);
    }

    /** Runs a claim on the calling thread (an API call waiting for its answer). */
    public void runInline(Execution execution) {
        held.put(execution.runId(), execution);
        execute(execution);
    }

    private void poll() {
        while (running) {
            int room = Math.min(settings.workers() - mainBusy.get(), settings.maxHeld() - held.size());
            int claimed = 0;
            if (room > 0) {
                try {
                    claimed = claim(room);
                } catch (RuntimeException e) {
                    LOG.warnf("claiming due runs failed: %s", e.getMessage());
                }
            }
            if (claimed > 0 && claimed == room) {
                continue; // more may be due: claim again as soon as there is room
            }
            try {
                wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int claim(int room) {
        Instant now = clock.instant();
        List<RunStore.Claimed> claimed = database.transaction(
                c -> RunStore.claim(c, settings.nodeId(), room, now, now.plus(settings.lease())));
        for (RunStore.Claimed run : claimed) {
            Execution execution = new Execution(run.id(), run.kind(), run.input(), run.attempt(), run.steps(), database,
                    clock, settings.nodeId(), settings.lease(), Engine.MAIN_LANE);
            held.put(run.id(), execution);
            submit(execution, Engine.MAIN_LANE);
        }
        return claimed.size();
    }

    private void submit(Execution execution, String laneName) {
        execution.movedTo(laneName);
        boolean main = Engine.MAIN_LANE.equals(laneName);
        if (main) {
            mainBusy.incrementAndGet();
        }
        try {
            lane(laneName).execute(() -> {
                try {
                    execute(execution);
                } finally {
                    if (main) {
                        mainBusy.decrementAndGet();
                        wake();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the lease is released on stop and the run is claimed again later
            if (main) {
                mainBusy.decrementAndGet();
            }
            held.remove(execution.runId(), execution);
        }
    }

    private void execute(Execution execution) {
        UUID runId = execution.runId();
        RunHandler handler = handlers.get(execution.kind());
        try {
            if (handler == null) {
                end(execution, new RunResult.Failed("no handler for runs of kind " + execution.kind(), null,
                        TransactionHook.NONE));
                return;
            }
            end(execution, handler.run(execution));
        } catch (SwitchLane s) {
            submit(execution, s.lane());
            return;
        } catch (Parked p) {
            LOG.debugf("run %s parked: %s", runId, p.getMessage());
            held.remove(runId, execution);
        } catch (LeaseLostException | StepConflictException e) {
            LOG.warnf("run %s dropped by this node: %s", runId, e.getMessage());
            held.remove(runId, execution);
        } catch (Error e) {
            // not held any more, so the heartbeat lets its lease expire and another claim tries again
            held.remove(runId, execution);
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf("run %s failed: %s", runId, e.getClass().getSimpleName());
            LOG.debug("run failure", e);
            try {
                end(execution, new RunResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                        TransactionHook.NONE));
            } catch (RuntimeException again) {
                LOG.warnf("run %s could not be marked failed: %s", runId, again.getMessage());
                held.remove(runId, execution);
            }
        }
    }

    private void end(Execution execution, RunResult result) {
        Instant now = clock.instant();
        RunStatus status = result instanceof RunResult.Completed ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        JsonNode output = result instanceof RunResult.Completed completed ? completed.output()
                : ((RunResult.Failed) result).output();
        String error = result instanceof RunResult.Failed failed ? failed.error() : null;
        database.transaction(c -> {
            RunStore.finish(c, execution.runId(), settings.nodeId(), execution.attempt(), status, output, error, now);
            result.hook().apply(c);
            return null;
        });
        held.remove(execution.runId(), execution);
        CompletableFuture<RunEnd> waiter = waiters.remove(execution.runId());
        if (waiter != null) {
            waiter.complete(new RunEnd(execution.runId(), status, output, error));
        }
    }

    private void renew() {
        List<UUID> working = List.copyOf(held.keySet());
        if (working.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            database.transaction(c -> RunStore.renewLeases(c, settings.nodeId(), working, now.plus(settings.lease())));
        } catch (RuntimeException e) {
            LOG.warnf("renewing leases failed: %s", e.getMessage());
        }
    }

    private ThreadPoolExecutor lane(String name) {
        return lanes.computeIfAbsent(name, n -> {
            int size = Engine.MAIN_LANE.equals(n) ? settings.workers() : settings.laneWorkers();
            return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    daemon("errand-" + n));
        });
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
