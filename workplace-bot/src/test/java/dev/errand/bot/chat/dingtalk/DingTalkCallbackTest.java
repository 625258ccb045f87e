package dev.errand.bot.chat.dingtalk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.testkit.DingTalkFixtures;
import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.StoredRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class DingTalkCallbackTest {

    @Inject
    StoredRuns stored;

    private long runsOf(String messageText) {
        return Long.parseLong(stored.rows("select count(*) from chat_message where channel = ? and request_text = ?",
                ChatChannel.DINGTALK.name(), messageText).get(0));
    }

    private StoredRuns.Row runFor(String session) {
        return stored.forSession(session);
    }

    private static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> postsTo(String session) {
        return SessionWebhookResource.server().findAll(postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session)));
    }

    private static void assertNothingPostedTo(String session) {
        SessionWebhookResource.server().verify(0, postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session)));
    }

    @Test
    void should_answer_a_signed_order_command_in_the_session_webhook() {
        String session = UUID.randomUUID().toString();
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session));

        DingTalkFixtures.send(body).then().statusCode(200).body(equalTo("{}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withHeader("Content-Type", WireMock.containing("application/json"))
                        .withRequestBody(equalToJson("""
                                {"msgtype":"markdown","markdown":{"title":"Order 8812","text":"### Order 8812\\n- Status: WAIT_SELLER_SEND_GOODS\\n- Items:\\n  - Ceramic mug × 2 at 60.00 CNY\\n- Amount: 120.00 CNY\\n- Buyer: li***lei\\n\\n_Demo data: no shop or payment platform is configured, these orders are samples._"}}
                                """))));
    }

    @Test
    void should_reject_a_forged_signature_and_process_nothing() {
        String session = UUID.randomUUID().toString();
        String text = "/order 8812 forged " + session;
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), text,
                SessionWebhookResource.webhookUrl(session));
        String timestamp = Long.toString(System.currentTimeMillis());

        DingTalkFixtures.send(body, timestamp, DingTalkSignature.sign(timestamp, "not-the-secret"))
                .then().statusCode(401).contentType("application/json")
                .body("error", equalTo("header 'sign' does not match"));

        assertThat(runsOf(text)).isZero();
        assertNothingPostedTo(session);
    }

    @Test
    void should_reject_a_stale_timestamp_even_with_a_valid_signature() {
        String session = UUID.randomUUID().toString();
        String text = "/order 8812 stale " + session;
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), text,
                SessionWebhookResource.webhookUrl(session));
        String twoHoursAgo = Long.toString(System.currentTimeMillis() - Duration.ofHours(2).toMillis());

        DingTalkFixtures.send(body, twoHoursAgo, DingTalkSignature.sign(twoHoursAgo, DingTalkFixtures.SECRET))
                .then().statusCode(401).body("error", equalTo("header 'timestamp' is outside the 60-minute window"));

        assertThat(runsOf(text)).isZero();
        assertNothingPostedTo(session);
    }

    @Test
    void should_reject_missing_signature_headers() {
        String session = UUID.randomUUID().toString();
        String text = "/order 8812 unsigned " + session;
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), text,
                SessionWebhookResource.webhookUrl(session));

        DingTalkFixtures.send(body, null, null).then().statusCode(401).body("error", equalTo("missing header 'timestamp'"));
        DingTalkFixtures.send(body, Long.toString(System.currentTimeMillis()), null)
                .then().statusCode(401).body("error", equalTo("missing header 'sign'"));

        assertThat(runsOf(text)).isZero();
        assertNothingPostedTo(session);
    }

    @Test
    void should_process_a_replayed_msg_id_once() {
        String session = UUID.randomUUID().toString();
        String text = "/order 8813 replayed " + session;
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8813",
                SessionWebhookResource.webhookUrl(session));

        DingTalkFixtures.send(body).then().statusCode(200);
        DingTalkFixtures.send(body).then().statusCode(200);
        DingTalkFixtures.send(body).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))));
        long runs = stored.countFor(session);
        assertThat(runs).as("runs stored for " + text).isEqualTo(1);
        // a late second post would show up here; the run is delivered, so nothing else is pending
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(runFor(session).delivery()));
        assertThat(postsTo(session)).hasSize(1);
    }

    @Test
    void should_refuse_a_session_webhook_on_a_host_that_is_not_allowed() {
        String text = "/order 8812 ssrf";
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), text,
                "http://169.254.169.254/latest/meta-data");

        DingTalkFixtures.send(body).then().statusCode(400)
                .body("error", equalTo("sessionWebhook host '169.254.169.254' is not in ERRAND_DINGTALK_WEBHOOK_HOSTS"));

        assertThat(runsOf(text)).isZero();
    }

    @Test
    void should_name_the_missing_field_of_a_malformed_callback() {
        DingTalkFixtures.send("{\"msgtype\":\"text\",\"text\":{\"content\":\"/help\"}}")
                .then().statusCode(400).body("error", equalTo("field 'msgId' is missing"));
        DingTalkFixtures.send("{not json").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.startsWith("body is not a DingTalk message"));
    }

    @Test
    void should_list_the_commands_for_help_in_offline_mode() {
        String session = UUID.randomUUID().toString();
        DingTalkFixtures.send(DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/help",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withRequestBody(equalToJson("""
                                {"msgtype":"markdown","markdown":{"title":"Errand help","text":"**Errand commands**\\n- `/order <order id>`: look up an order: status, items, amount, buyer\\n- `/orders <status>`: the newest orders in a status, e.g. `/orders WAIT_BUYER_CONFIRM_GOODS` (shipped)\\n- `/payment <order id>`: find the payment of an order\\n- `/refund <order id> <amount> <currency> <reason>`: refund (part of) an order's payment, e.g. `/refund 8812 20.00 CNY parcel lost`; above your limit it waits for approval\\n- `/refunds <order id>`: the refund requests of an order\\n- `/refundstatus <order id> <request no>`: whether a refund of an order went through, by its request number, e.g. `/refundstatus 8812 run-3f2a-s1`\\n- `/track <order id>`: track the parcel of an order\\n- `/help`: this list\\n"}}
                                """))));
    }

    @Test
    void should_store_one_run_when_the_same_msg_id_arrives_concurrently() throws Exception {
        String session = UUID.randomUUID().toString();
        String body = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var statuses = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return DingTalkFixtures.send(body).statusCode();
                }));
            }
            start.countDown();
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))));
        assertThat(stored.countFor(session))
                .isEqualTo(1);
    }

    @Test
    void should_retry_a_reply_dingtalk_throttled_and_deliver_it() {
        String session = UUID.randomUUID().toString();
        var server = SessionWebhookResource.server();
        var thisSession = WireMock.post(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session));
        server.stubFor(thisSession.inScenario(session).whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(WireMock.okJson("{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}"))
                .willSetStateTo("throttled once"));
        server.stubFor(WireMock.post(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session))
                .inScenario(session).whenScenarioStateIs("throttled once")
                .willReturn(WireMock.okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

        DingTalkFixtures.send(DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> runFor(session) != null
                && "DELIVERED".equals(runFor(session).delivery()));
        assertThat(postsTo(session)).hasSize(2);
    }

    @Test
    void should_not_retry_a_reply_dingtalk_refused_for_good() {
        String session = UUID.randomUUID().toString();
        var server = SessionWebhookResource.server();
        server.stubFor(WireMock.post(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session))
                .willReturn(WireMock.okJson("{\"errcode\":300005,\"errmsg\":\"token is not exist\"}")));

        DingTalkFixtures.send(DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> runFor(session) != null
                && "FAILED".equals(runFor(session).delivery()));
        assertThat(runFor(session).deliveryError()).isEqualTo("DingTalk refused the reply: errcode 300005 token is not exist");
        assertThat(postsTo(session)).hasSize(1);
    }

    @Test
    void should_not_post_to_a_session_webhook_that_has_expired() {
        String session = UUID.randomUUID().toString();
        long expiredAMinuteAgo = System.currentTimeMillis() - 60_000;
        DingTalkFixtures.send(DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session), expiredAMinuteAgo)).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> runFor(session) != null
                && "FAILED".equals(runFor(session).delivery()));
        assertThat(runFor(session).deliveryError()).startsWith("the reply address expired at ");
        assertNothingPostedTo(session);
    }

    // ---- bad input: every malformed signed callback is a 400 naming the field, never Jackson's words

    private static String callbackWith(String field, Object value) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(DingTalkFixtures.callbackBody(
                DingTalkFixtures.newMsgId(), "/help", SessionWebhookResource.webhookUrl(UUID.randomUUID().toString())));
        body.set(field, json.valueToTree(value));
        return body.toString();
    }

    @Test
    void should_name_an_over_long_sender_corp_id() throws Exception {
        DingTalkFixtures.send(callbackWith("senderCorpId", "c".repeat(129))).then().statusCode(400)
                .body("error", equalTo("field 'senderCorpId' is longer than 128 characters"));
        DingTalkFixtures.send(callbackWith("senderStaffId", "s".repeat(129))).then().statusCode(400)
                .body("error", equalTo("field 'senderStaffId' is longer than 128 characters"));
        DingTalkFixtures.send(callbackWith("msgId", "m".repeat(256))).then().statusCode(400)
                .body("error", equalTo("field 'msgId' is longer than 255 characters"));
    }

    @Test
    void should_name_a_wrongly_typed_field() throws Exception {
        DingTalkFixtures.send(callbackWith("text", 5)).then().statusCode(400)
                .body("error", equalTo("field 'text' must be an object"));
        DingTalkFixtures.send(callbackWith("msgId", java.util.List.of("a"))).then().statusCode(400)
                .body("error", equalTo("field 'msgId' must be a string"));
        DingTalkFixtures.send(callbackWith("text", java.util.Map.of("content", true))).then().statusCode(400)
                .body("error", equalTo("field 'text.content' must be a string"));
        DingTalkFixtures.send(callbackWith("sessionWebhookExpiredTime", "soon")).then().statusCode(400)
                .body("error", equalTo("field 'sessionWebhookExpiredTime' must be an integer"));
    }

    @Test
    void should_name_a_control_character_in_the_text() throws Exception {
        DingTalkFixtures.send(callbackWith("text", java.util.Map.of("content", "/help\u0000"))).then().statusCode(400)
                .body("error", equalTo("field 'text.content' contains a control character"));
    }

    @Test
    void should_refuse_a_body_that_is_no_object_or_has_a_duplicate_key_without_naming_classes() {
        String answer = DingTalkFixtures.send("[{\"msgId\":\"a\"}]").then().statusCode(400)
                .body("error", equalTo("body is not a DingTalk message: it must be a JSON object"))
                .extract().asString();
        assertThat(answer).doesNotContain("dev.errand", "Cannot deserialize", "com.fasterxml");

        DingTalkFixtures.send("{\"msgId\":\"a\",\"msgId\":\"b\"}").then().statusCode(400)
                .body("error", equalTo("duplicate field 'msgId'"));
    }

    @Test
    void should_check_the_signature_before_the_body() {
        DingTalkFixtures.send("[not json", null, null).then().statusCode(401)
                .body("error", equalTo("missing header 'timestamp'"));
    }

    @Test
    void should_acknowledge_an_empty_mention_without_answering_it() throws Exception {
        String session = UUID.randomUUID().toString();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(DingTalkFixtures.callbackBody(
                DingTalkFixtures.newMsgId(), "", SessionWebhookResource.webhookUrl(session)));

        DingTalkFixtures.send(body.toString()).then().statusCode(200).body(equalTo("{}"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> SessionWebhookResource
                .server().verify(0, postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))));
    }

    // ---- end of bad input
}
