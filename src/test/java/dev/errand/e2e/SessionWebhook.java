package dev.errand.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * DingTalk's per-conversation {@code sessionWebhook} (protocols/dingtalk.md §3b) on a local WireMock server: every
 * session URL it hands out answers HTTP 200 {@code {"errcode":0,"errmsg":"ok"}}, and the posts to each are recorded.
 */
final class SessionWebhook implements AutoCloseable {
    static final String PATH = "/robot/sendBySession";
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final WireMockServer server;

    private SessionWebhook(WireMockServer server) {
        this.server = server;
    }

    static SessionWebhook start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        return new SessionWebhook(server);
    }

    /** The entry for {@code ERRAND_DINGTALK_WEBHOOK_HOSTS} that allows this server. */
    String allowedHost() {
        return "localhost:" + server.port();
    }

    /** A fresh session webhook URL, as DingTalk puts one in every callback. */
    String newSession() {
        return server.baseUrl() + PATH + "?session=" + UUID.randomUUID();
    }

    /** A fresh session whose webhook answers every post with HTTP 200 and {@code body} (e.g. a DingTalk errcode). */
    String newSessionAnswering(String body) {
        String url = newSession();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withQueryParam("session", equalTo(session(url)))
                .willReturn(okJson(body)));
        return url;
    }

    /** A fresh session whose webhook holds the first post for {@code stall} before answering, and answers later posts at once. */
    String newSessionStallingFirstPost(Duration stall) {
        String url = newSession();
        String scenario = "stall " + session(url);
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withQueryParam("session", equalTo(session(url)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered once")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}").withFixedDelay((int) stall.toMillis())));
        return url;
    }

    /** The bodies posted to {@code sessionUrl} so far. */
    List<JsonNode> posts(String sessionUrl) {
        return requests(sessionUrl).stream().map(r -> Json.parse(r.getBodyAsString())).toList();
    }

    List<LoggedRequest> requests(String sessionUrl) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)).withQueryParam("session", equalTo(session(sessionUrl))));
    }

    /** Every post to any session so far. */
    int totalPosts() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).size();
    }

    /** Waits for the first post to {@code sessionUrl} and returns its body. */
    JsonNode awaitPost(String sessionUrl) {
        await("a reply posted to " + sessionUrl).atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> !requests(sessionUrl).isEmpty());
        List<JsonNode> posts = posts(sessionUrl);
        assertThat(posts).as("posts to " + sessionUrl).hasSize(1);
        return posts.get(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String session(String sessionUrl) {
        String query = URI.create(sessionUrl).getQuery();
        assertThat(query).startsWith("session=");
        return query.substring("session=".length());
    }
}
