package dev.errand.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.testkit.alipay.AlipayTestKeys;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway.Fault;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged app (embedded default, demo policy, offline slash commands) paying through an Alipay-style gateway: the
 * fake verifies our RSA2 signature like the platform and signs its answers with a second key pair. Refunds carry the
 * run's key as {@code out_request_no}; a timeout or a {@code kill -9} during the refund call never refunds twice;
 * notifications are verified and recorded once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlipayTest {
    private static final String REFUND = "alipay.trade.refund";
    private static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private FakeAlipayGateway gateway;
    private ErrandProcess app;

    @BeforeAll
    void start() {
        // a slow answer outlasts the app's 2 s timeout, and leaves time to kill the app while it waits
        gateway = new FakeAlipayGateway(Duration.ofSeconds(8));
        gateway.addTrade("8813", "2026112622001400002", "36.50", PaymentStatus.TRADE_SUCCESS)
                .addTrade("8815", "2026112622001400004", "2680.00", PaymentStatus.TRADE_SUCCESS);
        app = ErrandProcess.start(Map.of(
                "ERRAND_PAY_BASE_URL", gateway.gatewayUrl().toString(),
                "ERRAND_PAY_APP_ID", FakeAlipayGateway.APP_ID,
                "ERRAND_PAY_APP_PRIVATE_KEY", AlipayTestKeys.APP_PRIVATE_PEM,
                "ERRAND_PAY_PLATFORM_PUBLIC_KEY", AlipayTestKeys.platformPublicBase64(),
                "ERRAND_PAY_TIMEOUT", "2s"));
    }

    @AfterAll
    void stop() {
        try {
            app.assertOutputKeepsSecret(app.apiKey(), app.approverApiKey(), stripPem(AlipayTestKeys.APP_PRIVATE_PEM));
        } finally {
            app.close();
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void should_refund_within_the_limit_with_one_refund_call_under_the_runs_key() {
        JsonNode answer = chat("/refund 8815 20.00 CNY parcel lost", 200);

        assertThat(answer.path("text").asText()).contains("20.00 CNY").doesNotContain("Demo data");
        JsonNode step = refundStep(answer.path("runId").asText());
        String key = step.path("idempotencyKey").asText();
        assertThat(callsFor(key)).containsExactly(REFUND);
        assertThat(gateway.refundsMade()).filteredOn(r -> r.outRequestNo().equals(key)).singleElement()
                .satisfies(r -> {
                    assertThat(r.outTradeNo()).isEqualTo("8815");
                    assertThat(r.amount()).isEqualByComparingTo("20.00");
                });
        assertThat(step.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void should_query_then_repeat_the_same_key_when_the_first_refund_call_times_out() {
        gateway.failNext(REFUND, Fault.TIMEOUT);

        JsonNode answer = chat("/refund 8813 6.50 CNY wrong colour", 200);

        assertThat(answer.path("text").asText()).contains("6.50 CNY");
        String key = refundStep(answer.path("runId").asText()).path("idempotencyKey").asText();
        assertThat(callsFor(key)).containsExactly(REFUND, REFUND_QUERY, REFUND);
        assertThat(gateway.refundsMade()).filteredOn(r -> r.outTradeNo().equals("8813")).singleElement()
                .satisfies(r -> assertThat(r.outRequestNo()).isEqualTo(key));
    }

    @Test
    @Order(3)
    void should_tell_the_employee_when_the_refund_is_above_what_is_left() {
        JsonNode answer = chat("/refund 8813 40.00 CNY wrong colour", 200);

        assertThat(answer.path("text").asText()).containsIgnoringCase("more than");
        assertThat(gateway.refundsMade()).filteredOn(r -> r.outTradeNo().equals("8813")).hasSize(1);
    }

    @Test
    @Order(4)
    void should_refuse_a_forged_notification_and_record_a_redelivered_one_once() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = notification(notifyId);
        Map<String, String> forged = signed(fields);
        forged.put("refund_fee", "2680.00");

        assertThat(notify(forged)).isEqualTo("failure");
        assertThat(notifications()).isEmpty();

        Map<String, String> genuine = signed(fields);
        assertThat(notify(genuine)).isEqualTo("success");
        assertThat(notify(genuine)).isEqualTo("success");
        List<JsonNode> recorded = notifications();
        assertThat(recorded).singleElement().satisfies(n -> {
            assertThat(n.path("notifyId").asText()).isEqualTo(notifyId);
            assertThat(n.path("refundFee").asText()).isEqualTo("20.00");
        });
        assertThat(app.output()).doesNotContain("2088102177846875");
    }

    @Test
    @Order(5)
    void should_refund_once_when_the_app_is_killed_during_an_approved_refund_call() {
        JsonNode waiting = chat("/refund 8815 800.00 CNY parcel lost", 202);
        String runId = waiting.path("runId").asText();
        String approvalId = waiting.path("approvals").get(0).asText();
        int refundCalls = gateway.calls(REFUND);
        // the platform makes the refund but its answer is slow: the app is killed while it waits for it
        gateway.failNext(REFUND, Fault.TIMEOUT);

        Response approved = api(app.approverApiKey(), "POST", "/api/approvals/" + approvalId,
                "{\"decision\":\"approve\",\"comment\":\"ok\"}");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> gateway.calls(REFUND) > refundCalls);
        app.kill();
        app.restart();

        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> run(runId), r -> "SUCCEEDED".equals(r.path("run").path("status").asText()));
        JsonNode step = refundStep(runId);
        String key = step.path("idempotencyKey").asText();
        assertThat(done.path("run").path("reply").asText()).contains("800.00 CNY");
        assertThat(gateway.refundsMade()).filteredOn(r -> r.outTradeNo().equals("8815") && r.amount().signum() > 0
                && r.amount().compareTo(new java.math.BigDecimal("800.00")) == 0).singleElement()
                .satisfies(r -> assertThat(r.outRequestNo()).isEqualTo(key));
        List<Map<String, String>> refundCallsOfRun = gateway.requests().stream()
                .filter(r -> REFUND.equals(r.get("method")) && r.getOrDefault("biz_content", "").contains("800.00"))
                .toList();
        assertThat(refundCallsOfRun).as("every refund call of the run, before and after the kill, used its key")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.get("biz_content")).contains("\"" + key + "\""));
    }

    private JsonNode chat(String text, int status) {
        Response response = api(app.apiKey(), "POST", "/api/chat",
                Json.MAPPER.createObjectNode().put("text", text).toString());
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return Json.parse(response.asString());
    }

    private Response api(String key, String method, String path, String body) {
        var request = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key)
                .contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, path);
    }

    private JsonNode run(String runId) {
        Response response = api(app.apiKey(), "GET", "/api/runs/" + runId, null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private JsonNode refundStep(String runId) {
        List<JsonNode> steps = StreamSupport.stream(run(runId).path("steps").spliterator(), false)
                .filter(s -> "refund_payment".equals(s.path("name").asText())).toList();
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    /** The methods of the gateway calls that carried {@code key} as {@code out_request_no}, in order. */
    private List<String> callsFor(String key) {
        return gateway.requests().stream().filter(r -> r.getOrDefault("biz_content", "").contains("\"" + key + "\""))
                .map(r -> r.get("method")).toList();
    }

    private static Map<String, String> notification(String notifyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", "2026-12-03 12:00:05");
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", notifyId);
        fields.put("app_id", FakeAlipayGateway.APP_ID);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("trade_no", "2026112622001400004");
        fields.put("out_trade_no", "8815");
        fields.put("out_biz_no", "refund-8815-1");
        fields.put("buyer_id", "2088102177846875");
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", "2680.00");
        fields.put("refund_fee", "20.00");
        fields.put("gmt_refund", "2026-12-03 12:00:04");
        return fields;
    }

    private static Map<String, String> signed(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign_type", "RSA2");
        signed.put("sign", FakeAlipayGateway.signNotification(fields));
        return signed;
    }

    private String notify(Map<String, String> fields) {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return given().baseUri(app.baseUrl()).contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(form).post("/connectors/alipay/notify").asString();
    }

    private List<JsonNode> notifications() {
        Response response = api(app.apiKey(), "GET", "/api/payments/notifications?orderId=8815", null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return StreamSupport.stream(Json.parse(response.asString()).spliterator(), false).toList();
    }

    private static String stripPem(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElse(pem);
    }
}
