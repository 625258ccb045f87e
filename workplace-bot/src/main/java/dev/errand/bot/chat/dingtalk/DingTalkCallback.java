package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields Errand reads from a DingTalk robot callback body (protocols/dingtalk.md §2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DingTalkCallback(String msgtype, Text text, String msgId, Long createAt, String conversationType,
        String conversationId, String senderId, String senderNick, String senderStaffId, String senderCorpId,
        String chatbotCorpId, String sessionWebhook, Long sessionWebhookExpiredTime) {

    /** {@code text.content}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(String content) {
    }
}
