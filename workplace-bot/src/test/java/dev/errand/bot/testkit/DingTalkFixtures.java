package dev.errand.bot.testkit;

import dev.errand.bot.chat.dingtalk.DingTalkSignature;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds and sends DingTalk robot callbacks signed as DingTalk signs them. */
public final class DingTalkFixtures {
    public static final String SECRET = "dt-secret-7c1f2e";

    private DingTalkFixtures() {
    }

    public static String newMsgId() {
        return "msg" + UUID.randomUUID().toString().replace("-", "") + "==";
    }

    public static String callbackBody(String msgId, String text, String sessionWebhook) {
        return callbackBody(msgId, text, sessionWebhook, System.currentTimeMillis() + 5_400_000);
    }

    /** A callback whose session webhook stops working at {@code webhookExpiresAtMillis}. */
    public static String callbackBody(String msgId, String text, String sessionWebhook, long webhookExpiresAtMillis) {
        long now = System.currentTimeMillis();
        return """
                {"msgtype":"text","text":{"content":" %s"},"msgId":"%s","createAt":%d,"conversationType":"2",
                 "conversationId":"cidXyZ123abc==","conversationTitle":"Ops team","senderId":"$:LWCP_v1:$abcDEF123",
                 "senderNick":"Li Lei","senderStaffId":"manager4711","senderCorpId":"dingcorp0001","isAdmin":false,
                 "chatbotUserId":"$:LWCP_v1:$botXYZ987","chatbotCorpId":"dingcorp0001","isInAtList":true,
                 "sessionWebhook":"%s","sessionWebhookExpiredTime":%d}"""
                .formatted(text, msgId, now, sessionWebhook, webhookExpiresAtMillis);
    }

    private static final AtomicLong LAST_TIMESTAMP = new AtomicLong();

    /**
     * Now in milliseconds, never the same twice: a (timestamp, sign) pair is accepted only with the message it first
     * came with, so two callbacks of one test must not share a millisecond.
     */
    public static String nextTimestamp() {
        long now = System.currentTimeMillis();
        return Long.toString(LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, now)));
    }

    /** Posts a callback signed with {@link #SECRET} at the current time. */
    public static Response send(String body) {
        String timestamp = nextTimestamp();
        return send(body, timestamp, DingTalkSignature.sign(timestamp, SECRET));
    }

    /** A callback from {@code corp}'s user {@code staffId}. */
    public static String callbackFrom(String corp, String staffId, String msgId, String text, String sessionWebhook) {
        return callbackBody(msgId, text, sessionWebhook).replace("\"senderStaffId\":\"manager4711\"",
                "\"senderStaffId\":\"" + staffId + "\"").replace("dingcorp0001", corp);
    }

    public static Response send(String body, String timestamp, String sign) {
        var request = RestAssured.given().contentType("application/json; charset=utf-8").body(body);
        if (timestamp != null) {
            request.header("timestamp", timestamp);
        }
        if (sign != null) {
            request.header("sign", sign);
        }
        return request.post("/bot/dingtalk");
    }
}
