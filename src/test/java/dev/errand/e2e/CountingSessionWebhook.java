package dev.errand.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DingTalk's session webhook (protocols/dingtalk.md §3b) for load: thousands of sessions, each post counted per
 * {@code session} query parameter as it arrives (before any delay), with the first body of each kept. Unlike
 * {@link SessionWebhook} it keeps no request journal (searching one per session is quadratic), may answer every
 * post after a fixed delay, and has enough threads for many concurrent posts.
 */
final class CountingSessionWebhook implements AutoCloseable {
    static final String PATH = SessionWebhook.PATH;

    private final WireMockServer server;
    private final Counter counter;

    private CountingSessionWebhook(WireMockServer server, Counter counter) {
        this.server = server;
        this.counter = counter;
    }

    /** A webhook answering {@code {"errcode":0,"errmsg":"ok"}} to every post after {@code delay} (zero: at once). */
    static CountingSessionWebhook start(Duration delay) {
        Counter counter = new Counter();
        WireMockServer server = new WireMockServer(options().dynamicPort()
                .containerThreads(200)
                .jettyAcceptQueueSize(1_000)
                .disableRequestJournal()
                .extensions(counter));
        server.start();
        var answer = okJson("{\"errcode\":0,\"errmsg\":\"ok\"}");
        if (!delay.isZero()) {
            answer = answer.withFixedDelay((int) delay.toMillis());
        }
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(answer));
        return new CountingSessionWebhook(server, counter);
    }

    /** The entry for {@code ERRAND_DINGTALK_WEBHOOK_HOSTS} that allows this server. */
    String allowedHost() {
        return "localhost:" + server.port();
    }

    /** The session webhook URL of session {@code session}. */
    String url(String session) {
        return server.baseUrl() + PATH + "?session=" + session;
    }

    /** Posts received so far per session (sessions never posted to are absent). */
    Map<String, Integer> postsBySession() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        counter.posts.forEach((session, count) -> copy.put(session, count.get()));
        return copy;
    }

    /** The body of the first post to {@code session}, or null. */
    String firstBody(String session) {
        return counter.firstBodies.get(session);
    }

    /** Every post to any session so far. */
    int totalPosts() {
        return (int) counter.total.get();
    }

    /** Sessions posted to at least once. */
    int sessionsPosted() {
        return counter.posts.size();
    }

    /** {@link System#nanoTime()} of the first post to each session so far, in no particular order. */
    long[] firstPostNanos() {
        return counter.firstPostNanos.values().stream().mapToLong(Long::longValue).toArray();
    }

    /** {@link System#nanoTime()} of the latest post so far (0 before the first). */
    long lastPostNanos() {
        return counter.lastPostNanos.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Counts each post when it has been matched, before the stub's delay. */
    private static final class Counter implements ServeEventListener {
        final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        final Map<String, String> firstBodies = new ConcurrentHashMap<>();
        final Map<String, Long> firstPostNanos = new ConcurrentHashMap<>();
        final AtomicLong total = new AtomicLong();
        final AtomicLong lastPostNanos = new AtomicLong();

        @Override
        public void afterMatch(ServeEvent event, Parameters parameters) {
            if (!event.getRequest().getUrl().startsWith(PATH)) {
                return;
            }
            QueryParameter session = event.getRequest().queryParameter("session");
            String key = session.isPresent() ? session.firstValue() : "";
            long now = System.nanoTime();
            firstPostNanos.putIfAbsent(key, now);
            firstBodies.putIfAbsent(key, event.getRequest().getBodyAsString());
            posts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            lastPostNanos.accumulateAndGet(now, Math::max);
        }

        @Override
        public String getName() {
            return "counting-session-webhook";
        }
    }
}
