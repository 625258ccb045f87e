package dev.errand.bot.chat;

import java.util.Objects;

/**
 * An inbound chat message in neutral form, whatever platform it came from.
 *
 * @param messageId the platform's id for the message, unique per channel (dedupe key)
 * @param replyTo platform-specific reply address (a DingTalk session webhook), or null
 * @param replyToExpiresAt when {@code replyTo} stops working, or null if it does not expire
 */
public record ChatMessage(ChatChannel channel, String messageId, String tenant, String user, String threadId,
        String text, String replyTo, java.time.Instant replyToExpiresAt) {
    public ChatMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(text, "text");
    }
}
