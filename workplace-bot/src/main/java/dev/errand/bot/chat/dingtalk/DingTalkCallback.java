package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.errand.bot.api.StrictStringDeserializer;

/**
 * The fields Errand reads from a DingTalk robot callback body (protocols/dingtalk.md §2). String fields take JSON
 * strings only, so a wrongly typed field is refused by name instead of being coerced.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DingTalkCallback(
        @JsonDeserialize(using = StrictStringDeserializer.class) String msgtype,
        Text text,
        @JsonDeserialize(using = StrictStringDeserializer.class) String msgId,
        Long createAt,
        @JsonDeserialize(using = StrictStringDeserializer.class) String conversationType,
        @JsonDeserialize(using = StrictStringDeserializer.class) String conversationId,
        @JsonDeserialize(using = StrictStringDeserializer.class) String senderId,
        @JsonDeserialize(using = StrictStringDeserializer.class) String senderNick,
        @JsonDeserialize(using = StrictStringDeserializer.class) String senderStaffId,
        @JsonDeserialize(using = StrictStringDeserializer.class) String senderCorpId,
        @JsonDeserialize(using = StrictStringDeserializer.class) String chatbotCorpId,
        @JsonDeserialize(using = StrictStringDeserializer.class) String sessionWebhook,
        Long sessionWebhookExpiredTime) {

    /** {@code text.content}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(@JsonDeserialize(using = StrictStringDeserializer.class) String content) {
    }
}
