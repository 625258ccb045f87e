package dev.errand.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded default as a new user meets it: no shop, no payment platform, no model; only the DingTalk robot's
 * AppSecret is set. Orders come from the demo shop and every reply built on them says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultTest {
    private static final String DINGTALK_SECRET = "e2e-dingtalk-secret-Vq7pL2xK9w";
    private static final String DEMO_LINE =
            "_Demo data: no shop or payment platform is configured, these orders are samples._";
    private static final String OFFLINE_NOTE = "No language model is configured, so I only understand commands.";

    private SessionWebhook webhook;
    private ErrandProcess app;
    private DingTalkRobot robot;
    private ErrandApi api;

    @BeforeAll
    void startErrand() {
        webhook = SessionWebhook.start();
        app = ErrandProcess.start(Map.of(
                "ERRAND_DINGTALK_APP_SECRET", DINGTALK_SECRET,
                "ERRAND_DINGTALK_WEBHOOK_HOSTS", webhook.allowedHost()));
        robot = new DingTalkRobot(app.baseUrl(), DINGTALK_SECRET);
        api = new ErrandApi(app);
    }

    @AfterAll
    void stopErrand() {
        try {
            app.assertOutputKeepsSecret(DINGTALK_SECRET, app.apiKey(), app.approverApiKey());
        } finally {
            app.close();
            webhook.close();
        }
    }

    @Test
    void should_report_ready_with_its_checks_up() {
        String body = given().baseUri(app.baseUrl()).get("/q/health/ready").then().statusCode(200).extract().asString();

        assertThat(Json.parse(body).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void should_post_the_demo_order_to_the_session_webhook_when_a_signed_order_command_arrives() {
        // given
        String session = webhook.newSession();
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812",
                DingTalkRobot.newStaffId("orderer"), session);

        // when
        Response response = robot.send(message);

        // then DingTalk is answered at once, the reply follows through the session webhook
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.asString())).isEqualTo(Json.MAPPER.createObjectNode());
        ObjectNode expected = Json.MAPPER.createObjectNode().put("msgtype", "markdown");
        expected.putObject("markdown").put("title", "Order 8812").put("text", """
                ### Order 8812
                - Status: WAIT_SELLER_SEND_GOODS
                - Items:
                  - Ceramic mug × 2 at 60.00 CNY
                - Amount: 120.00 CNY
                - Buyer: li***lei

                """ + DEMO_LINE);
        assertThat(webhook.awaitPost(session)).isEqualTo(expected);
        assertThat(webhook.requests(session).get(0).getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void should_list_the_commands_when_asked_for_help() {
        JsonNode reply = askThroughDingTalk("/help", DingTalkRobot.newStaffId("helper"));

        assertThat(reply.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(reply.path("markdown").path("text").asText()).contains("/order", "/payment", "/help");
    }

    @Test
    void should_say_that_no_model_is_configured_when_free_text_arrives_offline() {
        JsonNode reply = askThroughDingTalk("what happened to order 8812?", DingTalkRobot.newStaffId("chatter"));

        assertThat(reply.path("msgtype").asText()).isEqualTo("markdown");
        String text = reply.path("markdown").path("text").asText();
        assertThat(text).startsWith(OFFLINE_NOTE).contains("/order", "/payment", "/help");
        // offline mode answers no question and shows no order data
        assertThat(text).doesNotContain("WAIT_SELLER_SEND_GOODS", "120.00");
    }

    static Stream<Arguments> badlySignedCallbacks() {
        long now = System.currentTimeMillis();
        long twoHoursAgo = now - Duration.ofHours(2).toMillis();
        long inTwoHours = now + Duration.ofHours(2).toMillis();
        return Stream.of(
                Arguments.of("forged sign", Long.toString(now), DingTalkSigner.sign("not-the-app-secret", now)),
                Arguments.of("stale timestamp", Long.toString(twoHoursAgo), DingTalkSigner.sign(DINGTALK_SECRET, twoHoursAgo)),
                Arguments.of("future timestamp", Long.toString(inTwoHours), DingTalkSigner.sign(DINGTALK_SECRET, inTwoHours)),
                Arguments.of("sign of another timestamp", Long.toString(now), DingTalkSigner.sign(DINGTALK_SECRET, now - 1)),
                Arguments.of("timestamp in seconds", Long.toString(now / 1000), DingTalkSigner.sign(DINGTALK_SECRET, now / 1000)),
                Arguments.of("missing sign", Long.toString(now), null),
                Arguments.of("missing timestamp", null, DingTalkSigner.sign(DINGTALK_SECRET, now)),
                Arguments.of("missing headers", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badlySignedCallbacks")
    void should_refuse_a_callback_that_is_not_signed_by_dingtalk_and_do_nothing(String name, String timestamp,
            String sign) {
        // given
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("intruder");
        int runsBefore = api.runs().size();

        // when
        Response response = robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", staffId,
                session), timestamp, sign);

        // then
        assertThat(response.statusCode()).as(name).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(Json.parse(response.asString()).path("error").asText()).as(name).isNotBlank();
        awaitQueueDrained();
        assertThat(webhook.posts(session)).as("posts after a " + name).isEmpty();
        assertThat(api.runsOf(staffId)).isEmpty();
        assertThat(api.runs()).hasSize(runsBefore + 1); // the drain message only
    }

    @Test
    void should_accept_a_callback_signed_half_an_hour_ago() {
        // given a callback inside the one-hour window of protocols/dingtalk.md §1
        long halfAnHourAgo = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        String session = webhook.newSession();
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812",
                DingTalkRobot.newStaffId("late"), session);

        // when
        Response response = robot.send(message, Long.toString(halfAnHourAgo),
                DingTalkSigner.sign(DINGTALK_SECRET, halfAnHourAgo));

        // then
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(webhook.awaitPost(session).path("markdown").path("title").asText()).isEqualTo("Order 8812");
    }

    @Test
    void should_name_the_missing_field_of_a_signed_callback_and_store_nothing() {
        // given a signed callback without its message id
        String staffId = DingTalkRobot.newStaffId("no-id");
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", staffId,
                webhook.newSession());
        message.remove("msgId");

        // when
        Response response = robot.send(message);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.asString()).path("error").asText()).contains("msgId");
        assertThat(api.runsOf(staffId)).isEmpty();
    }

    @Test
    void should_answer_a_replayed_message_id_once() {
        // given a message that was answered
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("replayer");
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8814", staffId, session);
        assertThat(robot.send(message).statusCode()).isEqualTo(200);
        webhook.awaitPost(session);

        // when DingTalk (or an attacker inside the signature window) delivers it again, freshly signed
        Response replay = robot.send(message);

        // then it is acknowledged but neither stored nor answered again
        assertThat(replay.statusCode()).isEqualTo(200);
        awaitQueueDrained();
        assertThat(webhook.posts(session)).hasSize(1);
        assertThat(api.runsOf(staffId)).hasSize(1);
    }

    @Test
    void should_refuse_a_session_webhook_on_a_host_that_is_not_allowed() {
        // given a callback, correctly signed, whose reply URL points at the cloud metadata service
        String staffId = DingTalkRobot.newStaffId("ssrf");
        int postsBefore = webhook.totalPosts();
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", staffId,
                "http://169.254.169.254:80/latest/meta-data/iam/security-credentials/");

        // when
        Response response = robot.send(message);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.asString()).path("error").asText()).contains("169.254.169.254");
        awaitQueueDrained();
        assertThat(api.runsOf(staffId)).as("no run is stored for the refused callback").isEmpty();
        assertThat(webhook.totalPosts()).isEqualTo(postsBefore + 1); // the drain message only
    }

    @Test
    void should_answer_a_chat_api_request_synchronously_and_store_its_run() {
        // when
        String body = given().baseUri(app.baseUrl()).header("Authorization", app.bearer())
                .contentType("application/json").body("{\"text\":\"/order 8813\"}")
                .post("/api/chat").then().statusCode(200).extract().asString();

        // then
        JsonNode reply = Json.parse(body);
        assertThat(reply.path("format").asText()).isEqualTo("markdown");
        assertThat(reply.path("title").asText()).isEqualTo("Order 8813");
        assertThat(reply.path("text").asText()).isEqualTo("""
                ### Order 8813
                - Status: WAIT_BUYER_CONFIRM_GOODS
                - Items:
                  - Desk lamp × 1 at 199.00 CNY
                  - LED bulb × 3 at 12.50 CNY
                - Amount: 236.50 CNY
                - Buyer: han***mei

                """ + DEMO_LINE);
        JsonNode run = api.run(reply.path("runId").asText()).path("run");
        assertThat(run.path("channel").asText()).isEqualTo("API");
        // who asked comes from the API key: the demo policy's admin
        assertThat(run.path("tenant").asText()).isEqualTo("demo");
        assertThat(run.path("employee").asText()).isEqualTo("demo.admin");
        assertThat(run.path("request").asText()).isEqualTo("/order 8813");
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("delivery").asText()).isEqualTo("NOT_NEEDED");
    }

    @Test
    void should_name_the_missing_or_unknown_field_of_a_chat_api_request() {
        Response missing = given().baseUri(app.baseUrl()).header("Authorization", app.bearer())
                .contentType("application/json").body("{}").post("/api/chat");
        Response unknown = given().baseUri(app.baseUrl()).header("Authorization", app.bearer())
                .contentType("application/json").body("{\"tenant\":\"acme\",\"text\":\"/help\"}").post("/api/chat");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.asString()).path("error").asText()).isEqualTo("field 'text' is missing");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unknown.asString()).path("error").asText()).isEqualTo("unknown field 'tenant'");
    }

    @Test
    void should_refuse_every_api_path_of_the_openapi_document_without_or_with_a_wrong_key() {
        JsonNode paths = Json.parse(given().baseUri(app.baseUrl()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).path("paths");
        List<String> checked = new java.util.ArrayList<>();
        String wrongKey = "errand_" + "x".repeat(43);
        paths.fieldNames().forEachRemaining(path -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            paths.path(path).fieldNames().forEachRemaining(method -> {
                if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    return;
                }
                String target = path.replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
                for (String authorization : java.util.Arrays.asList(null, "Bearer " + wrongKey, "Bearer ")) {
                    var request = given().baseUri(app.baseUrl()).contentType("application/json").body("{\"text\":\"/help\"}");
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    Response response = request.request(method.toUpperCase(java.util.Locale.ROOT), target);
                    assertThat(response.statusCode()).as(method + " " + path + " with " + authorization).isEqualTo(401);
                    assertThat(response.contentType()).startsWith("application/json");
                    assertThat(response.asString()).doesNotContain(wrongKey);
                }
                checked.add(method + " " + path);
            });
        });
        assertThat(checked).contains("post /api/chat", "get /api/runs", "get /api/runs/{id}");
    }

    @Test
    void should_keep_the_generated_api_keys_owner_only_and_show_runs_only_to_whom_they_belong() throws Exception {
        java.nio.file.Path keyFile = app.dataDir().resolve("api-key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(
                keyFile))).isEqualTo("rw-------");
        assertThat(app.output()).contains(keyFile.getFileName().toString());
        String runId = Json.parse(given().baseUri(app.baseUrl()).header("Authorization", app.bearer())
                .contentType("application/json").body("{\"text\":\"/help\"}").post("/api/chat")
                .then().statusCode(200).extract().asString()).path("runId").asText();

        // the approver (finance, no admin role) does not see the admin's run: 404 as for no run at all
        given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + app.approverApiKey())
                .get("/api/runs/{id}", runId).then().statusCode(404);
        assertThat(api.run(runId).path("run").path("employee").asText()).isEqualTo("demo.admin");
    }

    @Test
    void should_refuse_a_captured_signature_pair_with_another_message() {
        String session = webhook.newSession();
        String otherSession = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("captured");
        long timestamp = DingTalkRobot.nextTimestamp();
        String sign = DingTalkSigner.sign(DINGTALK_SECRET, timestamp);
        ObjectNode original = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", staffId, session);
        ObjectNode forged = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8813",
                DingTalkRobot.newStaffId("forger"), otherSession);
        forged.put("senderCorpId", "dingcorp-other").put("chatbotCorpId", "dingcorp-other");

        assertThat(robot.send(original, Long.toString(timestamp), sign).statusCode()).isEqualTo(200);
        Response replayed = robot.send(forged, Long.toString(timestamp), sign);
        Response retried = robot.send(original, Long.toString(timestamp), sign);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(retried.statusCode()).as("DingTalk's retry of the same message").isEqualTo(200);
        assertThat(webhook.awaitPost(session).path("markdown").path("title").asText()).isEqualTo("Order 8812");
        awaitQueueDrained();
        assertThat(webhook.posts(otherSession)).isEmpty();
        assertThat(webhook.posts(session)).hasSize(1);
    }

    @Test
    void should_document_the_chat_api_in_openapi() {
        String yaml = given().baseUri(app.baseUrl()).get("/q/openapi").then().statusCode(200).extract().asString();
        String json = given().baseUri(app.baseUrl()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertThat(yaml).contains("/api/chat");
        assertThat(Json.parse(json).path("paths").path("/api/chat").has("post")).isTrue();
    }

    @Test
    void should_record_a_failed_delivery_when_dingtalk_refuses_the_reply() {
        // given a session webhook that answers HTTP 200 with an error code, as DingTalk does
        String session = webhook.newSessionAnswering("{\"errcode\":300005,\"errmsg\":\"token is not exist\"}");
        String staffId = DingTalkRobot.newStaffId("refused");

        // when
        robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", staffId, session));

        // then the run says so instead of claiming the reply was delivered
        JsonNode run = await("run of " + staffId + " finished").atMost(SessionWebhook.DELIVERY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.runsOf(staffId).stream().findFirst().orElse(null),
                        r -> r != null && List.of("SUCCEEDED", "FAILED").contains(r.path("status").asText()));
        assertThat(run.path("delivery").asText()).isEqualTo("FAILED");
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("error").asText()).contains("300005");
        assertThat(run.path("reply").asText()).startsWith("### Order 8812");
        assertThat(webhook.posts(session)).hasSize(1);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void should_finish_every_acknowledged_message_after_a_crash() {
        // given a reply on its way to a session webhook that has not answered yet
        String stalledSession = webhook.newSessionStallingFirstPost(Duration.ofSeconds(20));
        String inFlight = DingTalkRobot.newStaffId("in-flight");
        assertThat(robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", inFlight,
                stalledSession)).statusCode()).isEqualTo(200);
        await("the reply in flight").atMost(SessionWebhook.DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> webhook.requests(stalledSession).size() == 1);
        assertThat(api.runsOf(inFlight)).extracting(run -> run.path("delivery").asText()).containsExactly("PENDING");
        // and a message DingTalk has just been told was received (it waits behind the first one)
        String queuedSession = webhook.newSession();
        String queued = DingTalkRobot.newStaffId("queued");
        assertThat(robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8813", queued,
                queuedSession)).statusCode()).isEqualTo(200);

        // when the process is killed at once and started again
        app.kill();
        app.restart();

        // then both runs survived the crash: each was committed before DingTalk or the test was answered
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(api.runsOf(inFlight))
                    .as("the run whose reply was being delivered at the crash (its reply committed before it)")
                    .hasSize(1);
            softly.assertThat(api.runsOf(queued))
                    .as("the run of the message acknowledged to DingTalk with 200 just before the crash")
                    .hasSize(1);
        });
        // and both replies are delivered: the interrupted one again, since DingTalk never confirmed it
        assertThat(awaitDelivered(inFlight).path("request").asText()).isEqualTo("/order 8812");
        assertThat(awaitDelivered(queued).path("request").asText()).isEqualTo("/order 8813");
        List<JsonNode> interrupted = webhook.posts(stalledSession);
        assertThat(interrupted).hasSize(2);
        assertThat(interrupted.get(1)).isEqualTo(interrupted.get(0));
        assertThat(interrupted.get(1).path("markdown").path("title").asText()).isEqualTo("Order 8812");
        assertThat(webhook.posts(queuedSession)).singleElement()
                .satisfies(post -> assertThat(post.path("markdown").path("title").asText()).isEqualTo("Order 8813"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void should_keep_conversations_and_seen_message_ids_across_a_restart() {
        // given an answered DingTalk conversation
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("persistent");
        ObjectNode message = DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8813", staffId, session);
        assertThat(robot.send(message).statusCode()).isEqualTo(200);
        webhook.awaitPost(session);
        JsonNode before = awaitDelivered(staffId);
        List<String> idsBefore = api.runs().stream().map(run -> run.path("id").asText()).toList();

        // when
        app.restart();

        // then the file database kept every run
        List<JsonNode> runsAfter = api.runs();
        assertThat(runsAfter.stream().map(run -> run.path("id").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(idsBefore);
        JsonNode after = api.runsOf(staffId).get(0);
        assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
        assertThat(after.path("delivery").asText()).isEqualTo("DELIVERED");
        assertThat(after.path("request").asText()).isEqualTo("/order 8813");
        assertThat(after.path("reply").asText()).isEqualTo(before.path("reply").asText()).contains("Order 8813");

        // and a redelivery of the message from before the restart is still recognised
        assertThat(robot.send(message).statusCode()).isEqualTo(200);
        awaitQueueDrained();
        assertThat(webhook.posts(session)).hasSize(1);
        assertThat(api.runsOf(staffId)).hasSize(1);
    }

    /** Sends {@code text} through a fresh conversation and returns the reply posted to its session webhook. */
    private JsonNode askThroughDingTalk(String text, String staffId) {
        String session = webhook.newSession();
        Response response = robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), text, staffId, session));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return webhook.awaitPost(session);
    }

    /**
     * Sends a message and waits for its reply: the worker handles messages one at a time in arrival order, so once
     * this one is answered, nothing accepted before it is still pending.
     */
    private void awaitQueueDrained() {
        String staffId = DingTalkRobot.newStaffId("drain");
        askThroughDingTalk("/help", staffId);
        awaitDelivered(staffId);
    }

    private JsonNode awaitDelivered(String staffId) {
        return await("run of " + staffId + " delivered").atMost(SessionWebhook.DELIVERY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.runsOf(staffId).stream().findFirst().orElse(null),
                        run -> run != null && "DELIVERED".equals(run.path("delivery").asText()));
    }
}
