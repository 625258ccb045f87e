import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load test of a running Errand, driven like DingTalk drives it. JDK only, so it runs as
 * {@code java bench/load/LoadTest.java --app URL --secret S --sink-port P [options]}; bench/load/run.sh
 * starts the app around it. See bench/load/README.md for what each figure means.
 *
 * <p>Phases, in this order so the sequential ones see an idle app:
 * <ol>
 * <li>commits per run ({@code --pg-db} set, server profile only): sequential {@code POST /api/chat}, then
 * sequential DingTalk callbacks (each waits for its reply), counting PostgreSQL commits around each;</li>
 * <li>load: signed callbacks at a fixed open-loop rate, then a drain that waits for the replies.</li>
 * </ol>
 */
public class LoadTest {
    private static final java.util.concurrent.atomic.AtomicLong LAST_TIMESTAMP = new java.util.concurrent.atomic.AtomicLong();

    /** Command-line options; every one has a default except the three that tie us to the started app. */
    record Options(String app, String secret, int sinkPort, String profile, int rate, int durationS, int drainS,
            int quietS, int sinkDelayMs, int sinkThreads, int conversations, String pgDb, String pgHost,
            String pgUser, String pgAdminDb, int commitRuns, int commitWarmup, int pgSettleS, boolean load) {

        static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
                String key = args[i].substring(2);
                if (key.equals("no-load")) {
                    a.put(key, "true");
                } else if (i + 1 < args.length) {
                    a.put(key, args[++i]);
                } else {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
            }
            Options o = new Options(required(a, "app"), required(a, "secret"), Integer.parseInt(required(a, "sink-port")),
                    a.getOrDefault("profile", "?"), num(a, "rate", 200), num(a, "duration-s", 60),
                    num(a, "drain-s", 120), num(a, "quiet-s", 15), num(a, "sink-delay-ms", 0),
                    num(a, "sink-threads", 64), num(a, "conversations", 500), a.get("pg-db"),
                    a.getOrDefault("pg-host", "127.0.0.1"), a.getOrDefault("pg-user", "postgres"),
                    a.getOrDefault("pg-admin-db", "test"), num(a, "commit-runs", 200), num(a, "commit-warmup", 20),
                    num(a, "pg-settle-s", 11), !a.containsKey("no-load"));
            a.keySet().removeAll(Set.of("app", "secret", "sink-port", "profile", "rate", "duration-s", "drain-s",
                    "quiet-s", "sink-delay-ms", "sink-threads", "conversations", "pg-db", "pg-host", "pg-user",
                    "pg-admin-db", "commit-runs", "commit-warmup", "pg-settle-s", "no-load"));
            if (!a.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + a.keySet());
            }
            return o;
        }

        private static String required(Map<String, String> a, String key) {
            String v = a.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return v;
        }

        private static int num(Map<String, String> a, String key, int dflt) {
            return a.containsKey(key) ? Integer.parseInt(a.get(key)) : dflt;
        }
    }

    /**
     * One callback's acknowledgement: HTTP status (0 when the request failed), latency from send to
     * response, and for an error its kind ("HTTP 500", or the exception's class) and a detail to show.
     */
    record Ack(int status, long latencyNanos, String error, String detail) {
        static Ack of(HttpResponse<String> response, Throwable failure, long latencyNanos) {
            if (failure != null) {
                Throwable cause = rootCause(failure);
                return new Ack(0, latencyNanos, cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
            }
            int status = response.statusCode();
            return status == 200 ? new Ack(200, latencyNanos, null, null)
                    : new Ack(status, latencyNanos, "HTTP " + status, response.body());
        }
    }

    /** Latency summary in milliseconds. */
    record Percentiles(double p50, double p90, double p99, double max) {
        static Percentiles of(long[] nanos) {
            if (nanos.length == 0) {
                return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(ms(at(sorted, 0.50)), ms(at(sorted, 0.90)), ms(at(sorted, 0.99)),
                    ms(sorted[sorted.length - 1]));
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }

        /** Nearest-rank percentile. */
        private static long at(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        String json() {
            return "{\"p50\":%s,\"p90\":%s,\"p99\":%s,\"max\":%s}".formatted(j(p50), j(p90), j(p99), j(max));
        }

        @Override
        public String toString() {
            return "p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms".formatted(p50, p90, p99, max);
        }
    }

    /** Replies the sink saw for one set of message ids. */
    record ReplyCount(int expected, int received, int missing, int duplicated, int extraPosts, int unexpectedContent) {
    }

    /** Result of a sequential phase that counted commits. */
    record CommitFigure(String what, int requests, long commits, double seconds, double idlePerSecond,
            Percentiles latency) {
        double perRequest() {
            return (double) commits / requests;
        }

        /** What the idle app would have committed over the same window (its poller, on the new engine). */
        double background() {
            return idlePerSecond * seconds;
        }

        /** Commits per request net of the idle app's rate over the same window. */
        double netPerRequest() {
            return (commits - background()) / requests;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadTest: " + e.getMessage());
            System.err.println("usage: java LoadTest.java --app http://127.0.0.1:8080 --secret S --sink-port P"
                    + " [--profile embedded|server] [--rate 200] [--duration-s 60] [--drain-s 120] [--quiet-s 15]"
                    + " [--sink-delay-ms 0] [--sink-threads 64] [--conversations 500]"
                    + " [--pg-db errand_bench [--pg-host 127.0.0.1] [--pg-user postgres] [--pg-admin-db test]"
                    + " [--commit-runs 200] [--commit-warmup 20] [--pg-settle-s 11]] [--no-load]");
            System.exit(2);
            return;
        }
        new LoadTest(o).run();
    }

    private final Options o;
    private final Sink sink;
    private final Signer signer;
    // HTTP/1.1 on purpose: the JDK client's default (HTTP/2) would try an h2c upgrade on http://, which is not what DingTalk does
    private final HttpClient http;
    /** Distinguishes this run's msgIds from an earlier run's: the app deduplicates on msgId. */
    private final String runTag = Long.toHexString(System.nanoTime() & 0xffffffL);

    LoadTest(Options o) throws IOException {
        this.o = o;
        this.sink = new Sink(o.sinkPort(), o.sinkDelayMs(), o.sinkThreads());
        this.signer = new Signer(o.secret());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    void run() throws Exception {
        sink.start();
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("profile", o.profile());
            result.put("sinkDelayMs", o.sinkDelayMs());
            if (o.pgDb() != null && o.commitRuns() > 0) {
                commitPhases(result);
            }
            if (o.load()) {
                loadPhase(result);
            }
            System.out.println("RESULT " + toJson(result));
        } finally {
            sink.stop();
        }
    }

    // ---------------------------------------------------------------- commits per run (server profile)

    private void commitPhases(Map<String, Object> result) throws Exception {
        Postgres pg = new Postgres(o.pgHost(), o.pgUser(), o.pgAdminDb(), o.pgDb());
        System.out.printf("%n== Commits per run (database %s; counters settle %d s before each read) ==%n", o.pgDb(),
                o.pgSettleS());
        // an idle window first: what the app commits with nobody talking to it is the noise floor of the figures below
        long idle0 = settledCommits(pg);
        long idleStart = System.nanoTime();
        long idle1 = settledCommits(pg);
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        double idlePerSecond = (idle1 - idle0) / idleSeconds;
        System.out.printf("idle app: %d commits in %.1f s (%.2f/s)%n", idle1 - idle0, idleSeconds, idlePerSecond);
        result.put("idleCommits", idle1 - idle0);
        result.put("idleCommitsPerS", round2(idlePerSecond));

        CommitFigure chat = sequential(pg, "POST /api/chat", this::chatOnce, idlePerSecond);
        CommitFigure callback = sequential(pg, "DingTalk callback + reply", this::callbackOnce, idlePerSecond);
        result.put("commitsPerChatRun", round2(chat.perRequest()));
        result.put("commitsPerCallback", round2(callback.perRequest()));
        result.put("netCommitsPerChatRun", round2(chat.netPerRequest()));
        result.put("netCommitsPerCallback", round2(callback.netPerRequest()));
        result.put("chatLatencyMs", chat.latency());
        result.put("callbackToReplyMs", callback.latency());
    }

    /** One sequential request; returns its latency in ns or throws when it did not succeed. */
    interface Request {
        long once(int i) throws Exception;
    }

    private CommitFigure sequential(Postgres pg, String what, Request request, double idlePerSecond) throws Exception {
        for (int i = 0; i < o.commitWarmup(); i++) {
            request.once(-1 - i);
        }
        long before = settledCommits(pg);
        long windowStart = System.nanoTime();
        long[] latencies = new long[o.commitRuns()];
        for (int i = 0; i < o.commitRuns(); i++) {
            latencies[i] = request.once(i);
        }
        long after = settledCommits(pg);
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        CommitFigure f = new CommitFigure(what, o.commitRuns(), after - before, seconds, idlePerSecond,
                Percentiles.of(latencies));
        System.out.printf("%-26s %d sequential (after %d warm-up): %d commits = %.2f per request; latency %s%n", what,
                f.requests(), o.commitWarmup(), f.commits(), f.perRequest(), f.latency());
        // an idle app commits too (the engine's poller claims nothing once per poll interval): net of that rate
        System.out.printf("%-26s window %.1f s x idle %.2f/s = %.0f background commits; net %.2f per request%n", "",
                f.seconds(), idlePerSecond, f.background(), f.netPerRequest());
        return f;
    }

    private long chatOnce(int i) throws Exception {
        String body = "{\"text\":\"/order 8812\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(o.app() + "/api/chat"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + System.getenv("ERRAND_LOAD_API_KEY"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long latency = System.nanoTime() - t0;
        if (response.statusCode() != 200 || !response.body().contains("8812")) {
            throw new IllegalStateException("/api/chat answered " + response.statusCode() + ": " + response.body());
        }
        return latency;
    }

    /** Sends one callback and waits for its reply on the sink: the latency is callback to reply. */
    private long callbackOnce(int i) throws Exception {
        String msgId = "seq-" + runTag + "-" + (i < 0 ? "w" + (-i) : String.valueOf(i));
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(callback(msgId, i < 0 ? 0 : i), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("callback answered " + response.statusCode() + ": " + response.body());
        }
        if (!sink.awaitReply(msgId, Duration.ofSeconds(30))) {
            throw new IllegalStateException("no reply to " + msgId + " within 30 s");
        }
        return System.nanoTime() - t0;
    }

    /**
     * Commits of the bench database once the counters have settled. PostgreSQL 15 flushes a backend's
     * statistics when it goes idle, but at most once a second; what that holds back is flushed after
     * up to 10 s of idleness (PGSTAT_IDLE_INTERVAL). So a read right after the last request can miss
     * the last second's commits: wait out that window first (--pg-settle-s, default 11).
     */
    private long settledCommits(Postgres pg) throws Exception {
        Thread.sleep(o.pgSettleS() * 1000L);
        return pg.commits();
    }

    // ---------------------------------------------------------------- open-loop load

    private void loadPhase(Map<String, Object> result) throws Exception {
        int total = o.rate() * o.durationS();
        System.out.printf("%n== Load: %d callbacks at %d/s for %d s over %d conversations; sink delay %d ms ==%n",
                total, o.rate(), o.durationS(), o.conversations(), o.sinkDelayMs());
        List<String> msgIds = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            msgIds.add("load-" + runTag + "-" + i);
        }
        Ack[] acks = new Ack[total];
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        long periodNanos = 1_000_000_000L / o.rate();
        long start = System.nanoTime();
        long maxLagNanos = 0;
        long maxSendCallNanos = 0; // time spent inside sendAsync itself: if it blocks, the offered rate drops
        for (int i = 0; i < total; i++) {
            // open loop: message i is due at start + i*period whatever happened to earlier ones, so a slow
            // server cannot lower the offered rate (a closed loop would wait and hide the overload)
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - due);
            HttpRequest request = callback(msgIds.get(i), i);
            int index = i;
            long sent = System.nanoTime();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                acks[index] = Ack.of(response, failure, System.nanoTime() - sent);
                return null;
            }));
            maxSendCallNanos = Math.max(maxSendCallNanos, System.nanoTime() - sent);
        }
        long sendEnd = System.nanoTime();
        double offeredRate = total / ((sendEnd - start) / 1e9);
        // every request has a 30 s timeout, so this ends
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long acksDone = System.nanoTime();

        Map<String, Integer> errors = new TreeMap<>();
        Map<String, String> errorSamples = new TreeMap<>();
        List<Long> latencies = new ArrayList<>(total);
        Set<String> acked200 = new java.util.HashSet<>();
        for (int i = 0; i < total; i++) {
            Ack ack = acks[i];
            if (ack.status() != 0) {
                latencies.add(ack.latencyNanos());
            }
            if (ack.status() == 200) {
                acked200.add(msgIds.get(i));
            } else {
                errors.merge(ack.error(), 1, Integer::sum);
                errorSamples.putIfAbsent(ack.error(), ack.detail());
            }
        }
        Percentiles ackLatency = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());

        // drain: wait for a reply to every message; stop early once every 200-acked message has one and the
        // sink has been quiet for --quiet-s (messages refused with an error may never be answered)
        long drainDeadline = sendEnd + o.drainS() * 1_000_000_000L;
        while (System.nanoTime() < drainDeadline) {
            Map<String, List<String>> now = sink.snapshot();
            if (Sink.count(now, msgIds).missing() == 0) {
                break;
            }
            boolean okOnesDone = Sink.count(now, acked200).missing() == 0;
            long quietNanos = System.nanoTime() - Math.max(sink.lastReplyNanos(), sendEnd);
            if (okOnesDone && quietNanos > o.quietS() * 1_000_000_000L) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(1000); // a late duplicate of a reply would show up now
        long waitEnd = System.nanoTime();
        // one snapshot for all reply figures, so replies still arriving cannot make them disagree
        Map<String, List<String>> snapshot = sink.snapshot();
        ReplyCount replies = Sink.count(snapshot, msgIds);
        int repliedAcked200 = acked200.size() - Sink.count(snapshot, acked200).missing();
        long lastReply = sink.lastReplyNanos();
        long firstReply = sink.firstReplyNanos(msgIds);
        double drainS = lastReply == 0 ? Double.NaN : Math.max(0, lastReply - sendEnd) / 1e9;
        double replyRate = replies.received() < 2 ? Double.NaN
                : (replies.received() - 1) / ((lastReply - firstReply) / 1e9);

        System.out.printf("offered            %d in %.1f s = %.1f/s (sender behind schedule by at most %.1f ms;"
                + " longest sendAsync call %.1f ms)%n", total, (sendEnd - start) / 1e9, offeredRate, maxLagNanos / 1e6,
                maxSendCallNanos / 1e6);
        System.out.printf("acked 200          %d%n", acked200.size());
        System.out.printf("errors             %d %s%n", total - acked200.size(), errors);
        errorSamples.forEach((kind, detail) -> System.out.printf("  e.g. %-16s %s%n", kind, abbreviate(detail)));
        System.out.printf("ack latency        %s (last ack %.1f s after the last send)%n", ackLatency,
                (acksDone - sendEnd) / 1e9);
        System.out.printf("replies            %d received of %d sent (%d of the %d acked 200)%n", replies.received(),
                total, repliedAcked200, acked200.size());
        System.out.printf("missing            %d (waited %.1f s after the send phase, drain limit %d s)%n",
                replies.missing(), (waitEnd - sendEnd) / 1e9, o.drainS());
        System.out.printf("duplicated         %d messages (%d extra posts)%n", replies.duplicated(), replies.extraPosts());
        System.out.printf("unexpected content %d replies without \"Order 8812\"%s%n", replies.unexpectedContent(),
                sink.sampleUnexpected().map(s -> ", e.g. " + abbreviate(s)).orElse(""));
        System.out.printf("drain              last reply %.1f s after the send phase ended%n", drainS);
        System.out.printf("reply rate         %.1f/s from first to last reply%n", replyRate);
        System.out.printf("unknown sessions   %d posts to a session this run did not send%n",
                sink.postsOutside(msgIds, "load-" + runTag));
        printTimeline(acks, start, sink.replyTimes(start));

        result.put("rate", o.rate());
        result.put("durationS", o.durationS());
        result.put("offered", total);
        result.put("offeredRate", round2(offeredRate));
        result.put("senderMaxLagMs", round2(maxLagNanos / 1e6));
        result.put("acked200", acked200.size());
        result.put("errors", errors);
        result.put("ackMs", ackLatency);
        result.put("repliesSent", total);
        result.put("repliesReceived", replies.received());
        result.put("repliesForAcked200", repliedAcked200);
        result.put("missing", replies.missing());
        result.put("duplicated", replies.duplicated());
        result.put("unexpectedContent", replies.unexpectedContent());
        result.put("drainS", round2(drainS));
        result.put("replyRate", round2(replyRate));
    }

    /**
     * Per 10 s from the start of the send phase: what the callbacks sent in that window got back (200s,
     * errors, ack p50) and how many replies arrived in it. Shows when the app started to fail and whether
     * replies keep pace, which the totals alone hide.
     */
    private void printTimeline(Ack[] acks, long start, long[] replyOffsets) {
        int perWindow = o.rate() * 10;
        long lastReply = replyOffsets.length == 0 ? 0 : replyOffsets[replyOffsets.length - 1];
        int windows = (int) Math.max((acks.length + perWindow - 1) / perWindow, lastReply / 10_000_000_000L + 1);
        System.out.println("timeline (10 s windows from the first send: acks of callbacks sent in it | replies arriving in it)");
        for (int w = 0; w < windows; w++) {
            int ok = 0, failed = 0;
            List<Long> latencies = new ArrayList<>();
            for (int i = w * perWindow; i < Math.min(acks.length, (w + 1) * perWindow); i++) {
                if (acks[i].status() == 200) {
                    ok++;
                } else {
                    failed++;
                }
                if (acks[i].status() != 0) {
                    latencies.add(acks[i].latencyNanos());
                }
            }
            long from = w * 10_000_000_000L, to = from + 10_000_000_000L;
            long replies = Arrays.stream(replyOffsets).filter(t -> t >= from && t < to).count();
            double p50 = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray()).p50();
            String acked = ok + failed == 0 ? "" : "200 %5d  errors %5d  ack p50 %s".formatted(ok, failed,
                    Double.isNaN(p50) ? "       - ms" : "%8.1f ms".formatted(p50));
            System.out.printf("  %3d-%3d s  %-46s | replies %5d%n", w * 10, w * 10 + 10, acked, replies);
        }
    }

    /** A signed callback for {@code msgId}, as DingTalk sends it (protocols/dingtalk.md §1-2). */
    private HttpRequest callback(String msgId, int i) {
        // Errand accepts a (timestamp, sign) pair for one message only: never sign two callbacks in the same millisecond
        long now = LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        String timestamp = Long.toString(now);
        String conversation = "cidBench" + (i % o.conversations()) + "==";
        String webhook = "http://localhost:" + o.sinkPort() + "/robot/sendBySession?session=" + msgId;
        String body = "{\"msgtype\":\"text\",\"text\":{\"content\":\" /order 8812\"},\"msgId\":\"" + msgId + "\","
                + "\"createAt\":" + now + ",\"conversationType\":\"2\",\"conversationId\":\"" + conversation + "\","
                + "\"conversationTitle\":\"Bench\",\"senderId\":\"$:LWCP_v1:$bench" + (i % 50) + "\","
                + "\"senderNick\":\"Bench\",\"senderStaffId\":\"bench" + (i % 50) + "\","
                + "\"senderCorpId\":\"dingcorpbench\",\"isAdmin\":false,\"chatbotCorpId\":\"dingcorpbench\","
                + "\"isInAtList\":true,\"sessionWebhook\":\"" + webhook + "\","
                + "\"sessionWebhookExpiredTime\":" + (now + 90 * 60_000L) + "}";
        return HttpRequest.newBuilder(URI.create(o.app() + "/bot/dingtalk"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("timestamp", timestamp)
                .header("sign", signer.sign(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    // ---------------------------------------------------------------- pieces

    /** sign = Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)). */
    static final class Signer {
        private final String secret;
        private final ThreadLocal<Mac> mac;

        Signer(String secret) {
            this.secret = secret;
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac m = Mac.getInstance("HmacSHA256");
                    m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    return m;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        String sign(String timestamp) {
            byte[] digest = mac.get().doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        }
    }

    /**
     * Stand-in for DingTalk's session webhook: records every POST, keyed by the {@code session} query
     * parameter (the msgId the reply belongs to), and answers {@code {"errcode":0,"errmsg":"ok"}} after
     * {@code delayMs}. The delay is a sleep on one of the pool's threads, so the pool must be larger than
     * the number of replies the app posts at once, or the sink itself would become the bottleneck.
     */
    static final class Sink {
        private static final byte[] OK = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

        /** Every POST body, per session. */
        private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
        private final AtomicLong lastReply = new AtomicLong();
        /** Arrival time of every POST, for the timeline. */
        private final java.util.Queue<Long> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Map<String, Long> firstReplyAt = new ConcurrentHashMap<>();
        private final HttpServer server;
        private final ExecutorService pool;
        private final int delayMs;

        Sink(int port, int delayMs, int threads) throws IOException {
            this.delayMs = delayMs;
            this.server = HttpServer.create(new InetSocketAddress(port), 1024);
            this.pool = Executors.newFixedThreadPool(threads);
            server.setExecutor(pool);
            server.createContext("/", this::handle);
        }

        void start() {
            server.start();
        }

        void stop() {
            server.stop(0);
            pool.shutdownNow();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if ("POST".equals(exchange.getRequestMethod())) {
                    String session = session(exchange.getRequestURI().getRawQuery());
                    long now = System.nanoTime();
                    bodies.computeIfAbsent(session, s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(body);
                    firstReplyAt.putIfAbsent(session, now);
                    lastReply.accumulateAndGet(now, Math::max);
                    arrivals.add(now);
                    synchronized (this) {
                        notifyAll();
                    }
                }
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, OK.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(OK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String session(String query) {
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("session=")) {
                        return part.substring("session=".length());
                    }
                }
            }
            return "";
        }

        synchronized boolean awaitReply(String msgId, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!bodies.containsKey(msgId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** A copy of what was received so far: session to the bodies posted to it. */
        Map<String, List<String>> snapshot() {
            Map<String, List<String>> copy = new HashMap<>();
            bodies.forEach((session, list) -> {
                synchronized (list) {
                    copy.put(session, List.copyOf(list));
                }
            });
            return copy;
        }

        static ReplyCount count(Map<String, List<String>> snapshot, java.util.Collection<String> msgIds) {
            int received = 0, duplicated = 0, extra = 0, unexpected = 0;
            for (String id : msgIds) {
                List<String> got = snapshot.get(id);
                if (got == null) {
                    continue;
                }
                received++;
                if (got.size() > 1) {
                    duplicated++;
                    extra += got.size() - 1;
                }
                for (String b : got) {
                    if (!b.contains("Order 8812")) {
                        unexpected++;
                    }
                }
            }
            return new ReplyCount(msgIds.size(), received, msgIds.size() - received, duplicated, extra, unexpected);
        }

        java.util.Optional<String> sampleUnexpected() {
            return bodies.values().stream().flatMap(l -> {
                synchronized (l) {
                    return new ArrayList<>(l).stream();
                }
            }).filter(b -> !b.contains("Order 8812")).findFirst();
        }

        /** Arrival times of the POSTs since {@code start}, as sorted offsets from it. */
        long[] replyTimes(long start) {
            return arrivals.stream().mapToLong(t -> t - start).filter(t -> t >= 0).sorted().toArray();
        }

        long lastReplyNanos() {
            return lastReply.get();
        }

        long firstReplyNanos(List<String> msgIds) {
            return msgIds.stream().map(firstReplyAt::get).filter(t -> t != null).mapToLong(Long::longValue).min()
                    .orElse(0);
        }

        /** Posts to sessions that start with {@code prefix} but are not among {@code msgIds}: replies to messages never sent. */
        long postsOutside(List<String> msgIds, String prefix) {
            Set<String> sent = Set.copyOf(msgIds);
            return bodies.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && !sent.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().size()).sum();
        }
    }

    /**
     * Reads {@code pg_stat_database.xact_commit} with psql (the JDK has no PostgreSQL driver), connected to
     * another database so the read itself is not counted.
     */
    record Postgres(String host, String user, String adminDb, String db) {
        long commits() throws IOException, InterruptedException {
            Process p = new ProcessBuilder("psql", "-h", host, "-U", user, "-d", adminDb, "-tAc",
                    "select xact_commit from pg_stat_database where datname = '" + db + "'")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException("psql could not read the commits of " + db + ": " + out);
            }
            return Long.parseLong(out);
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static String j(double d) {
        return Double.isNaN(d) ? "null" : String.valueOf(round2(d));
    }

    /** Enough JSON for the RESULT line: numbers, strings, nested maps and Percentiles. */
    private static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, val) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(toJson(val)));
            return sb.append('}').toString();
        }
        if (v instanceof Percentiles p) {
            return p.json();
        }
        if (v instanceof Double d) {
            return j(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
