package dev.errand.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Several nodes on one PostgreSQL, seen from outside: two packaged applications built with the {@code server}
 * profile ({@link ErrandProcess#startServer}) share a database of their own ({@code errand_two_nodes}, dropped and
 * created for every test) and a RabbitMQ prefix of their own. Callbacks go to both; every run must end once, every
 * step be recorded once, and every reply be posted once. Which node ran a run is not stored once the run has ended
 * (its lease is cleared), so a sampler reads {@code wf_run.lease_owner} of the running runs every few milliseconds
 * while the test runs; the webhook answers after 100 ms so that each run holds its lease long enough to be seen.
 * Figures are printed with the prefix {@code [two-nodes]}; each node's output is kept in
 * {@code target/two-nodes-logs/<test>-<node>.log}.
 */
class TwoNodesTest {
    private static final String DATABASE = "errand_two_nodes";
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final String DB_USER = "postgres";
    private static final String DINGTALK_SECRET = "e2e-dingtalk-secret-two-nodes-Qm4Zr7";
    private static final String ORDER_COMMAND = "/order 8812";

    private static final int CALLBACKS = 1_000;
    private static final int CONVERSATIONS = 100;
    private static final int SENDERS = 16;
    private static final Duration WEBHOOK_DELAY = Duration.ofMillis(100);
    /** 1,000 runs of a few commits and a 100 ms post each, on two nodes of 8 workers and 32 delivery lanes. */
    private static final Duration ALL_REPLIES_WITHIN = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(3);

    // ---- the takeover test ----
    private static final int TAKEOVER_CALLBACKS = 300;
    private static final Duration TAKEOVER_LEASE = Duration.ofSeconds(3);
    private static final Duration TAKEOVER_WEBHOOK_STALL = Duration.ofSeconds(2);

    private final Map<String, ErrandProcess> nodes = new LinkedHashMap<>();
    private CountingSessionWebhook webhook;
    private LeaseSampler sampler;

    @BeforeEach
    void freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, DB_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @AfterEach
    void stopEverything(TestInfo test) throws IOException {
        try {
            if (sampler != null) {
                sampler.close();
            }
            Path logs = Files.createDirectories(Path.of("target", "two-nodes-logs"));
            String name = test.getTestMethod().map(m -> m.getName()).orElse("test");
            for (Map.Entry<String, ErrandProcess> node : nodes.entrySet()) {
                Files.writeString(logs.resolve(name + "-" + node.getKey() + ".log"), node.getValue().output(),
                        StandardCharsets.UTF_8);
            }
        } finally {
            nodes.values().forEach(ErrandProcess::close);
            if (webhook != null) {
                webhook.close();
            }
        }
    }

    @Test
    void should_finish_1000_runs_on_two_nodes_with_every_step_once() throws Exception {
        // given two server nodes on one fresh PostgreSQL database, and a session webhook answering after 100 ms
        webhook = CountingSessionWebhook.start(WEBHOOK_DELAY);
        long startNodes = System.nanoTime();
        startNode("node-a", Map.of());
        startNode("node-b", Map.of());
        System.out.printf("[two-nodes] both nodes ready in %.1f s%n", (System.nanoTime() - startNodes) / 1e9);
        sampler = LeaseSampler.start();

        // when 1,000 signed callbacks are sent, half to each node
        List<String> sessions = new ArrayList<>();
        List<Callable<Ack>> callbacks = new ArrayList<>();
        List<String> names = List.copyOf(nodes.keySet());
        for (int i = 0; i < CALLBACKS; i++) {
            String session = "two-nodes-" + i;
            sessions.add(session);
            callbacks.add(callback(nodes.get(names.get(i % 2)), session, i % CONVERSATIONS));
        }
        long sendStart = System.nanoTime();
        List<Ack> acks = sendAll(callbacks);
        double sent = (System.nanoTime() - sendStart) / 1e9;

        // then every callback is acknowledged, every reply is posted once, and both nodes ran runs
        assertThat(acks.stream().filter(ack -> !ack.ok()).toList()).as("callbacks not acknowledged with 200 {}")
                .isEmpty();
        awaitOrExplain("all " + CALLBACKS + " replies posted", ALL_REPLIES_WITHIN,
                () -> webhook.sessionsPosted() == CALLBACKS);
        double lastReply = (webhook.lastPostNanos() - sendStart) / 1e9;
        assertExactlyOnce(sessions);
        sampler.close();
        Map<String, Integer> runsByNode = sampler.runsByOwner();
        System.out.printf("[two-nodes] %d callbacks sent in %.1f s (%s); last reply %.1f s after the first send;"
                        + " runs seen leased, by node: %s (%d of %d runs seen, %d samples)%n", CALLBACKS, sent,
                ackFigures(acks), lastReply, runsByNode, sampler.runsSeen(), CALLBACKS, sampler.samples());

        // and the database holds 1,000 succeeded runs, each claimed once, each with its steps s1, reply, deliver once
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "")) {
            assertThat(countBy(c, "SELECT status, COUNT(*) FROM wf_run GROUP BY status"))
                    .as("runs by status").isEqualTo(Map.of("SUCCEEDED", (long) CALLBACKS));
            assertThat(countBy(c, "SELECT CAST(attempts AS VARCHAR), COUNT(*) FROM wf_run GROUP BY attempts"))
                    .as("runs by claims (wf_run.attempts)").isEqualTo(Map.of("1", (long) CALLBACKS));
            assertThat(countBy(c, "SELECT delivery_status, COUNT(*) FROM chat_message GROUP BY delivery_status"))
                    .as("messages by delivery").isEqualTo(Map.of("DELIVERED", (long) CALLBACKS));
            assertEveryStepOnce(c, 1);
        }
        assertThat(runsByNode.keySet()).as("nodes seen holding runs").containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(runsByNode.values()).as("runs seen per node").allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void should_take_over_the_runs_of_a_node_killed_mid_way() throws Exception {
        // given two server nodes with 3 s leases, and a session webhook stalling 2 s, so that runs wait in delivery
        webhook = CountingSessionWebhook.start(TAKEOVER_WEBHOOK_STALL);
        Map<String, String> shortLease = Map.of("ERRAND_ENGINE_LEASE", TAKEOVER_LEASE.toSeconds() + "s",
                "ERRAND_ENGINE_POLL_INTERVAL", "500ms");
        startNode("node-a", shortLease);
        startNode("node-b", shortLease);
        sampler = LeaseSampler.start();
        List<String> sessions = new ArrayList<>();
        List<Callable<Ack>> callbacks = new ArrayList<>();
        List<String> names = List.copyOf(nodes.keySet());
        for (int i = 0; i < TAKEOVER_CALLBACKS; i++) {
            String session = "takeover-" + i;
            sessions.add(session);
            callbacks.add(callback(nodes.get(names.get(i % 2)), session, i % CONVERSATIONS));
        }
        List<Ack> acks = sendAll(callbacks);
        assertThat(acks.stream().filter(ack -> !ack.ok()).toList()).as("callbacks not acknowledged with 200 {}")
                .isEmpty();

        // when node-a is killed (SIGKILL) while it holds runs
        awaitOrExplain("node-a holds runs", Duration.ofSeconds(30), () -> sampler.currentlyHeldBy("node-a") > 0);
        nodes.get("node-a").kill();
        long killed = System.nanoTime();
        int postedBeforeKill = webhook.totalPosts();
        // what node-a held when it died: its leases stay in the database until they expire (3 s)
        Set<String> heldByA;
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "")) {
            heldByA = countBy(c, "SELECT CAST(id AS VARCHAR), 1 FROM wf_run WHERE status = 'RUNNING'"
                    + " AND lease_owner = 'node-a'").keySet();
        }
        assertThat(heldByA).as("runs node-a held when it was killed").isNotEmpty();
        System.out.printf("[two-nodes] node-a killed holding %d runs, %d of %d replies posted by then%n",
                heldByA.size(), postedBeforeKill, TAKEOVER_CALLBACKS);

        // then node-b finishes every run, node-a's included, once their leases expired
        awaitOrExplain("all " + TAKEOVER_CALLBACKS + " replies posted after node-a died", ALL_REPLIES_WITHIN,
                () -> webhook.sessionsPosted() == TAKEOVER_CALLBACKS);
        holdFor(QUIET);
        sampler.close();
        System.out.printf("[two-nodes] every reply posted %.1f s after the kill%n",
                (webhook.lastPostNanos() - killed) / 1e9);
        Map<String, Integer> posts = webhook.postsBySession();
        assertThat(sessions).allSatisfy(s -> assertThat(posts.getOrDefault(s, 0)).as("posts to " + s).isPositive());
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "")) {
            assertThat(countBy(c, "SELECT status, COUNT(*) FROM wf_run GROUP BY status"))
                    .as("runs by status").isEqualTo(Map.of("SUCCEEDED", (long) TAKEOVER_CALLBACKS));
            assertThat(countBy(c, "SELECT delivery_status, COUNT(*) FROM chat_message GROUP BY delivery_status"))
                    .as("messages by delivery").isEqualTo(Map.of("DELIVERED", (long) TAKEOVER_CALLBACKS));
            Map<String, Long> claims = countBy(c, "SELECT CAST(id AS VARCHAR), attempts FROM wf_run");
            List<String> reclaimed = heldByA.stream().filter(id -> claims.getOrDefault(id, 0L) >= 2).toList();
            assertThat(reclaimed).as("runs node-a held when it was killed, claimed again by node-b")
                    .containsExactlyInAnyOrderElementsOf(heldByA);
            // a step cut off by the kill (a post node-a made but never recorded) runs again under the same step id:
            // still one record per step; only the runs node-a held may have been posted twice
            assertEveryStepOnce(c, null);
            Map<String, String> sessionOfRun = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT CAST(run_id AS VARCHAR), reply_to FROM chat_message")) {
                while (rs.next()) {
                    String replyTo = rs.getString(2);
                    sessionOfRun.put(rs.getString(1), replyTo.substring(replyTo.indexOf("session=") + 8));
                }
            }
            Set<String> sessionsHeldByA = heldByA.stream().map(sessionOfRun::get).collect(Collectors.toSet());
            Map<String, Integer> twice = new TreeMap<>();
            posts.forEach((session, n) -> {
                if (n > 1) {
                    twice.put(session, n);
                }
            });
            System.out.printf("[two-nodes] %d runs taken over from node-a; sessions posted more than once: %d (%s)%n",
                    reclaimed.size(), twice.size(), twice);
            assertThat(twice.keySet()).as("sessions posted more than once must be runs node-a held at the kill")
                    .isSubsetOf(sessionsHeldByA);
            assertThat(posts.keySet()).as("sessions posted to").hasSize(TAKEOVER_CALLBACKS);
        }
    }

    // ---- nodes and callbacks ----

    private void startNode(String nodeId, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ERRAND_DINGTALK_APP_SECRET", DINGTALK_SECRET,
                "ERRAND_DINGTALK_WEBHOOK_HOSTS", webhook.allowedHost(),
                "ERRAND_DB_URL", DB_URL,
                "ERRAND_DB_USER", DB_USER,
                "ERRAND_BROKER_PREFIX", "errand-two-nodes",
                "ERRAND_ENGINE_NODE_ID", nodeId));
        env.putAll(extra);
        nodes.put(nodeId, ErrandProcess.startServer(env));
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One callback's acknowledgement; {@code failure} when it could not be sent at all. */
    private record Ack(String node, String session, int status, String body, long nanos, String failure) {
        boolean ok() {
            return failure == null && status == 200 && "{}".equals(body == null ? null : body.strip());
        }
    }

    private Callable<Ack> callback(ErrandProcess node, String session, int conversation) {
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), ORDER_COMMAND,
                "two-nodes-" + conversation, webhook.url(session));
        message.put("conversationId", "cidTwoNodes" + conversation + "==");
        String baseUrl = node.baseUrl();
        return () -> {
            long timestamp = DingTalkRobot.nextTimestamp(); // a (timestamp, sign) pair is accepted for one message only
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/bot/dingtalk"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("timestamp", Long.toString(timestamp))
                    .header("sign", DingTalkSigner.sign(DINGTALK_SECRET, timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8))
                    .build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Ack(baseUrl, session, response.statusCode(), response.body(), System.nanoTime() - start,
                        null);
            } catch (IOException e) {
                return new Ack(baseUrl, session, -1, null, System.nanoTime() - start, e.toString());
            }
        };
    }

    private static List<Ack> sendAll(List<Callable<Ack>> callbacks) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Ack> acks = new ArrayList<>();
            for (Future<Ack> future : senders.invokeAll(callbacks, 5, TimeUnit.MINUTES)) {
                try {
                    acks.add(future.get());
                } catch (Exception e) {
                    acks.add(new Ack("?", "?", -1, null, 0, e.toString()));
                }
            }
            return acks;
        } finally {
            senders.shutdownNow();
        }
    }

    private static String ackFigures(List<Ack> acks) {
        long[] nanos = acks.stream().mapToLong(Ack::nanos).sorted().toArray();
        return String.format("ack p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- what the database and the webhook say ----

    /** Every expected session got exactly one post, and no post went anywhere else, also after a quiet spell. */
    private void assertExactlyOnce(List<String> expectedSessions) {
        holdFor(QUIET);
        Map<String, Integer> posts = webhook.postsBySession();
        Map<String, Integer> notOnce = new LinkedHashMap<>();
        for (String session : expectedSessions) {
            int count = posts.getOrDefault(session, 0);
            if (count != 1) {
                notOnce.put(session, count);
            }
        }
        assertThat(notOnce).as("sessions not posted to exactly once (session=posts), %d of them", notOnce.size())
                .isEmpty();
        assertThat(posts.keySet()).as("sessions posted to").hasSize(expectedSessions.size());
        assertThat(webhook.totalPosts()).as("posts in all").isEqualTo(expectedSessions.size());
        assertThat(webhook.firstBody(expectedSessions.get(expectedSessions.size() - 1)))
                .contains("\"title\":\"Order 8812\"");
    }

    /**
     * Every run has its steps plan (the one-step plan with policy's verdict), s1 (the tool call), reply and deliver
     * recorded once each, succeeded, after
     * {@code attempts} attempts (null: any).
     */
    private static void assertEveryStepOnce(Connection c, Integer attempts) throws SQLException {
        long runs = countBy(c, "SELECT 'runs', COUNT(*) FROM wf_run").get("runs");
        assertThat(countBy(c, "SELECT step_id, COUNT(*) FROM wf_step GROUP BY step_id"))
                .as("step records by step id").isEqualTo(Map.of("plan", runs, "s1", runs, "reply", runs, "deliver", runs));
        assertThat(countBy(c, "SELECT step_id, COUNT(DISTINCT run_id) FROM wf_step GROUP BY step_id"))
                .as("runs with a record per step id").isEqualTo(Map.of("plan", runs, "s1", runs, "reply", runs, "deliver", runs));
        assertThat(countBy(c, "SELECT status, COUNT(*) FROM wf_step GROUP BY status"))
                .as("step records by status").isEqualTo(Map.of("SUCCEEDED", 4 * runs));
        if (attempts != null) {
            assertThat(countBy(c, "SELECT CAST(attempts AS VARCHAR), COUNT(*) FROM wf_step GROUP BY attempts"))
                    .as("step records by attempts").isEqualTo(Map.of(attempts.toString(), 4 * runs));
        }
    }

    private static Map<String, Long> countBy(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private void awaitOrExplain(String what, Duration within, java.util.function.BooleanSupplier condition) {
        try {
            await(what).atMost(within).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            StringBuilder explanation = new StringBuilder(what).append(": timed out; session webhook: ")
                    .append(webhook.sessionsPosted()).append(" sessions posted to, ").append(webhook.totalPosts())
                    .append(" posts");
            try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "")) {
                explanation.append("\nruns by status/lease owner: ").append(countBy(c,
                        "SELECT status || '/' || COALESCE(lease_owner, '-'), COUNT(*) FROM wf_run GROUP BY 1"));
            } catch (SQLException failure) {
                explanation.append("\n(runs not read: ").append(failure.getMessage()).append(')');
            }
            nodes.forEach((name, node) -> {
                String[] lines = node.output().split("\n");
                explanation.append("\n--- last lines of ").append(name).append(" ---\n").append(String.join("\n",
                        List.of(lines).subList(Math.max(0, lines.length - 20), lines.length)));
            });
            throw new AssertionError(explanation.toString(), e);
        }
    }

    /** Waits out a quiet spell in which the webhook receives nothing more: late or repeated posts show up first. */
    private void holdFor(Duration quiet) {
        int posts = webhook.totalPosts();
        await("no further post for " + quiet).during(quiet).atMost(quiet.plusSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> webhook.totalPosts() == posts);
    }

    /**
     * Reads which node holds which running run ({@code wf_run.lease_owner}) every 20 ms, on a connection of its own,
     * and remembers every (run, owner) pair seen.
     */
    private static final class LeaseSampler implements AutoCloseable {
        private final Map<String, Set<String>> ownersByRun = new ConcurrentHashMap<>();
        private volatile Map<String, String> current = Map.of();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile int samples;
        private volatile String failure;

        private LeaseSampler() {
            thread = new Thread(this::sample, "lease-sampler");
            thread.setDaemon(true);
        }

        static LeaseSampler start() {
            LeaseSampler sampler = new LeaseSampler();
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "");
                 Statement s = c.createStatement()) {
                while (running.get()) {
                    Map<String, String> now = new HashMap<>();
                    try (ResultSet rs = s.executeQuery("SELECT CAST(id AS VARCHAR), lease_owner FROM wf_run"
                            + " WHERE status = 'RUNNING' AND lease_owner IS NOT NULL")) {
                        while (rs.next()) {
                            now.put(rs.getString(1), rs.getString(2));
                            ownersByRun.computeIfAbsent(rs.getString(1), k -> ConcurrentHashMap.newKeySet())
                                    .add(rs.getString(2));
                        }
                    }
                    current = now;
                    samples++;
                    Thread.sleep(20);
                }
            } catch (SQLException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs seen held by each node (a run taken over counts for both). */
        Map<String, Integer> runsByOwner() {
            Map<String, Integer> byOwner = new TreeMap<>();
            ownersByRun.values().forEach(owners -> owners.forEach(o -> byOwner.merge(o, 1, Integer::sum)));
            return byOwner;
        }

        int runsSeen() {
            return ownersByRun.size();
        }

        int samples() {
            return samples;
        }

        int currentlyHeldBy(String owner) {
            return currentRunsOf(owner).size();
        }

        Set<String> currentRunsOf(String owner) {
            return current.entrySet().stream().filter(e -> owner.equals(e.getValue())).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(failure).as("lease sampler failure").isNull();
        }
    }
}
