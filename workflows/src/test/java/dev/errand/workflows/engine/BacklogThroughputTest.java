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
import dev.errand.workflows.engine.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A backlog of 10,000 runs on PostgreSQL, worked through by one node; the claim query stays fast with its
 * ordering clause. Throughput and query plans go to stdout and to {@code target/engine-throughput.txt}.
 */
class BacklogThroughputTest extends EngineTestBase {
    private static final int RUNS = 10_000;
    /** Main workers of the one node; a run costs four commits (claim, two steps, end). */
    private static final int WORKERS = 8;
    private static final Path REPORT = Path.of("target", "engine-throughput.txt");

    @Test
    void should_work_through_a_backlog_of_ten_thousand_runs() {
        // given 10,000 runs of two steps, enqueued in five transactions
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        RunHandler handler = handler("backlog", run -> {
            for (String step : List.of("s1", "s2")) {
                run.step(StepId.of(step), "work", run.input(), RetryPolicy.NONE, () -> {
                    executions.computeIfAbsent(run.runId() + "/" + step, k -> new AtomicInteger()).incrementAndGet();
                    return ok(json("done", true));
                });
            }
            return completed(json("done", true));
        });
        EngineSettings settings = new EngineSettings("node-a", WORKERS, 2, Duration.ofSeconds(10), Duration.ofMillis(50),
                4 * WORKERS);
        Engine engine = engine(settings, TestClock.ticking(), handler);
        long enqueueStart = System.nanoTime();
        IntStream.range(0, 5).parallel().forEach(batch -> engine.database().transaction(c -> {
            for (int i = 0; i < RUNS / 5; i++) {
                engine.enqueue(c, newRun("backlog", json("n", batch * RUNS / 5 + i)));
            }
            return null;
        }));
        double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;
        db.update("ANALYZE wf_run");
        double claimMillis = claimMillis(8);
        String plan = explainClaim(8);
        report("backlog of %d: enqueued in %.2f s; claim(8) at full backlog %.2f ms; plan:%n%s", RUNS, enqueueSeconds,
                claimMillis, plan);

        // when
        long start = System.nanoTime();
        engine.start();

        // then
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> db.count("SELECT COUNT(*) FROM wf_run WHERE status IN ('SUCCEEDED', 'FAILED')") == RUNS);
        double seconds = (System.nanoTime() - start) / 1e9;
        report("backlog of %d runs (2 steps each) on 1 node, %d workers, synchronous_commit=%s: %.2f s, %.0f runs/s, "
                + "%.0f steps/s", RUNS, WORKERS, TestDatabase.SYNCHRONOUS_COMMIT, seconds, RUNS / seconds, 2 * RUNS / seconds);
        assertThat(db.count("SELECT COUNT(*) FROM wf_run WHERE status = 'SUCCEEDED'")).isEqualTo(RUNS);
        assertThat(db.count("SELECT COUNT(*) FROM wf_step")).isEqualTo(2L * RUNS);
        assertThat(executions).hasSize(2 * RUNS);
        assertThat(executions.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(plan).as("the claim walks the due runs in order and stops after its batch")
                .contains("Index Scan using wf_run_due_idx on wf_run r").doesNotContain("Sort Key: r.due_at");
        assertThat(claimMillis).as("one claim at a backlog of 10,000").isLessThan(100);
    }

    @Test
    void should_claim_quickly_behind_a_long_history_of_one_conversation() {
        // given a conversation of 10,000 finished runs and one new message
        db.update("""
                INSERT INTO wf_run (id, kind, ordering_key, input, status, attempts, created_at, updated_at)
                SELECT gen_random_uuid(), 'message', 'conversation-1', '{}', 'SUCCEEDED', 1, now(), now()
                  FROM generate_series(1, ?)""", RUNS);
        Engine engine = engine(settings("node-a"), TestClock.ticking(), handler("message", run -> completed(json())));
        UUID latest = enqueue(engine, new NewRun(UUID.randomUUID(), "message", "conversation-1", json()));
        db.update("ANALYZE wf_run");

        // when
        double claimMillis = claimMillis(4);
        report("claim(4) behind %d finished runs of one ordering key: %.2f ms; plan:%n%s", RUNS, claimMillis,
                explainClaim(4));

        // then
        assertThat(claimMillis).isLessThan(100);
        engine.start();
        awaitStatus(latest, RunStatus.SUCCEEDED);
    }

    @Test
    void should_claim_quickly_after_the_backlog_grew_on_a_connection_that_claimed_before() {
        // given a connection that claimed a dozen times while wf_run held 100 runs, never analyzed (autovacuum off):
        // the driver then prepares the claim on the server, and PostgreSQL would keep a plan made for 100 rows
        String insert = """
                INSERT INTO wf_run (id, kind, ordering_key, input, status, due_at, attempts, created_at, updated_at)
                SELECT gen_random_uuid(), 'message', 'conversation-' || (i % ?), '{}', 'PENDING', now(), 0, now(), now()
                  FROM generate_series(1, ?) i""";
        db.update(insert, 50, 100);
        double claimMillis = rolledBack(c -> {
            for (int i = 0; i < 12; i++) {
                Instant now = Instant.now();
                assertThat(RunStore.claim(c, "probe", 8, now, now.plusSeconds(10))).isNotEmpty();
                c.rollback();
            }
            // when 10,000 more runs of 500 conversations arrive (committed by another connection)
            db.update(insert, 500, RUNS);

            // then a claim on that connection is as quick as on a fresh one
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Instant now = Instant.now();
                long start = System.nanoTime();
                assertThat(RunStore.claim(c, "probe", 8, now, now.plusSeconds(10))).hasSize(8);
                times.add((System.nanoTime() - start) / 1e6);
                c.rollback();
            }
            return times.stream().sorted().toList().get(times.size() / 2);
        });
        report("claim(8) at a backlog of %d on a connection that claimed 12 times at 100 runs: %.2f ms", RUNS + 100,
                claimMillis);
        // a plan kept from 100 rows (nested loops of sequential scans) took 1.7 s here; planned afresh, 62 ms
        assertThat(claimMillis).isLessThan(300);
    }

    /** The median time of RunStore.claim over a few tries on one connection, each rolled back. */
    private double claimMillis(int limit) {
        return rolledBack(c -> {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Instant now = Instant.now();
                long start = System.nanoTime();
                List<RunStore.Claimed> claimed = RunStore.claim(c, "probe", limit, now, now.plusSeconds(10));
                times.add((System.nanoTime() - start) / 1e6);
                assertThat(claimed).isNotEmpty();
                c.rollback();
            }
            return times.stream().sorted().toList().get(times.size() / 2);
        });
    }

    private String explainClaim(int limit) {
        return rolledBack(c -> {
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + selectDue())) {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
            }
            return plan.toString();
        });
    }

    private static String selectDue() {
        try {
            Field field = RunStore.class.getDeclaredField("SELECT_DUE");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("RunStore.SELECT_DUE moved", e);
        }
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T rolledBack(Work<T> work) {
        ConnectionPool pool = db.pool(1);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.apply(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.close();
        }
    }

    private static void report(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
