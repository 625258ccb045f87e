package dev.errand.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * DingTalk's side of the enterprise robot's HTTP callback (protocols/dingtalk.md §1-2): builds text-message bodies
 * and posts them to {@code /bot/dingtalk} signed with the robot's AppSecret.
 */
final class DingTalkRobot {
    static final String CORP_ID = "dingcorp0001";

    private final String baseUrl;
    private final String appSecret;

    DingTalkRobot(String baseUrl, String appSecret) {
        this.baseUrl = baseUrl;
        this.appSecret = appSecret;
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_TIMESTAMP =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * Now in milliseconds, never the same twice in this JVM: Errand accepts a (timestamp, sign) pair only with the
     * message it first came with, and DingTalk's sign depends on the timestamp alone.
     */
    static long nextTimestamp() {
        long now = System.currentTimeMillis();
        return LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, now));
    }

    static String newMsgId() {
        return "msg" + UUID.randomUUID().toString().replace("-", "") + "==";
    }

    /** A staff id no other test uses, so the runs of one test can be told apart. */
    static String newStaffId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A group text message that @-mentions the robot, as DingTalk sends it (the text keeps the mention's space). */
    static ObjectNode textMessage(String msgId, String text, String staffId, String sessionWebhook) {
        long now = System.currentTimeMillis();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("msgtype", "text");
        body.putObject("text").put("content", " " + text);
        body.put("msgId", msgId);
        body.put("createAt", now);
        body.put("conversationType", "2");
        body.put("conversationId", "cidE2e" + staffId + "==");
        body.put("conversationTitle", "Ops team");
        body.put("senderId", "$:LWCP_v1:$" + staffId);
        body.put("senderNick", "Li Lei");
        body.put("senderStaffId", staffId);
        body.put("senderCorpId", CORP_ID);
        body.put("isAdmin", false);
        body.put("chatbotUserId", "$:LWCP_v1:$botXYZ987");
        body.put("chatbotCorpId", CORP_ID);
        body.putArray("atUsers").addObject().put("dingtalkId", "$:LWCP_v1:$botXYZ987");
        body.put("isInAtList", true);
        body.put("sessionWebhook", sessionWebhook);
        body.put("sessionWebhookExpiredTime", now + 5_400_000);
        return body;
    }

    /** Posts {@code body} signed with the robot's secret at the current time. */
    Response send(ObjectNode body) {
        long timestamp = nextTimestamp();
        return send(body, Long.toString(timestamp), DingTalkSigner.sign(appSecret, timestamp));
    }

    /** Posts {@code body} with the given headers; a null header is left out. */
    Response send(ObjectNode body, String timestamp, String sign) {
        RequestSpecification request = given().baseUri(baseUrl)
                .contentType("application/json; charset=utf-8")
                .body(body.toString());
        if (timestamp != null) {
            request.header("timestamp", timestamp);
        }
        if (sign != null) {
            request.header("sign", sign);
        }
        return request.post("/bot/dingtalk");
    }
}
