package dev.errand.bot.chat.dingtalk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errand.agent.reply.Reply;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.chat.TransientReplyDeliveryException;
import dev.errand.bot.testkit.SessionWebhookResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.bot.identity.PolicyStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies are posted through the connector SDK: its one retry policy, the step's key, metrics in /q/metrics. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class DingTalkDeliveryTest {
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    /** The application's adapter, whose metrics go to /q/metrics. */
    @Inject
    DingTalkAdapter application;
    @Inject
    ObjectMapper json;
    @Inject
    ErrandConfig config;
    @Inject
    DingTalkAppSecret secret;
    @Inject
    SignaturePairs pairs;
    @Inject
    PolicyStore policies;

    /** Failures injected here must not open the application adapter's circuit for the other tests. */
    DingTalkAdapter adapter;

    @BeforeEach
    void ownAdapter() {
        adapter = new DingTalkAdapter(json, config, secret, pairs, policies, new SimpleMeterRegistry());
    }

    private static List<LoggedRequest> postsTo(String session) {
        return SessionWebhookResource.server().findAll(postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session)));
    }

    private static void answer(String session, String scenarioState, String nextState, int status, String body) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        var stub = post(urlPathEqualTo(SessionWebhookResource.PATH)).atPriority(1)
                .withQueryParam("session", WireMock.equalTo(session));
        if (scenarioState == null) {
            SessionWebhookResource.server().stubFor(stub.willReturn(response));
            return;
        }
        var step = stub.inScenario("burst " + session).whenScenarioStateIs(scenarioState);
        SessionWebhookResource.server().stubFor((nextState == null ? step : step.willSetStateTo(nextState))
                .willReturn(response));
    }

    @Test
    void should_retry_a_burst_of_5xx_with_the_same_key_and_then_deliver() throws Exception {
        String session = UUID.randomUUID().toString();
        answer(session, Scenario.STARTED, "one failed", 503, "Service Unavailable");
        answer(session, "one failed", "two failed", 502, "<html>Bad Gateway</html>");
        answer(session, "two failed", null, 200, OK);

        adapter.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("Order 8812 is paid."), "run1-deliver");

        assertThat(postsTo(session)).hasSize(3)
                .allSatisfy(post -> assertThat(post.getHeader("Idempotency-Key")).isEqualTo("run1-deliver"));
    }

    @Test
    void should_report_throttling_as_transient_after_the_sdks_retries() {
        String session = UUID.randomUUID().toString();
        answer(session, null, null, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");

        TransientReplyDeliveryException e = catchThrowableOfType(TransientReplyDeliveryException.class,
                () -> adapter.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("hi"), "run2-deliver"));

        assertThat(e.getMessage()).contains("130101").doesNotContain(session);
        assertThat(postsTo(session)).hasSize(3);
    }

    @Test
    void should_not_retry_a_refusal() {
        String session = UUID.randomUUID().toString();
        answer(session, null, null, 200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}");

        ReplyDeliveryException e = catchThrowableOfType(ReplyDeliveryException.class,
                () -> adapter.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("hi"), "run3-deliver"));

        assertThat(e).isNotInstanceOf(TransientReplyDeliveryException.class);
        assertThat(e.getMessage()).contains("310000");
        assertThat(postsTo(session)).hasSize(1);
    }

    @Test
    void should_report_an_html_page_as_transient_never_as_delivered() {
        String session = UUID.randomUUID().toString();
        answer(session, null, null, 200, "<html><body>gateway error</body></html>");

        assertThat(catchThrowableOfType(TransientReplyDeliveryException.class,
                () -> adapter.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("hi"), "run4-deliver")))
                .isNotNull();
    }

    @Test
    void should_report_json_without_errcode_as_transient() {
        String session = UUID.randomUUID().toString();
        answer(session, null, null, 200, "{\"status\":\"ok\"}");

        assertThat(catchThrowableOfType(TransientReplyDeliveryException.class,
                () -> adapter.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("hi"), "run6-deliver")))
                .isNotNull();
        assertThat(postsTo(session)).hasSize(3);
    }

    @Test
    void should_show_connector_call_metrics_in_q_metrics() throws Exception {
        String session = UUID.randomUUID().toString();
        answer(session, null, null, 200, OK);
        application.deliver(SessionWebhookResource.webhookUrl(session), new Reply.Text("hi"), "run5-deliver");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern(
                "errand_connector_calls_total\\{connector=\"dingtalk\",operation=\"send_reply\",outcome=\"success\"[^}]*} [1-9]")
                .contains("errand_connector_duration_seconds_count{connector=\"dingtalk\"");
    }
}
