package dev.errand.bot.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * An inbound chat message in neutral form, whatever platform it came from. Its constructor is the one place that
 * enforces the limits of what is stored (the database columns' sizes among them), so bad input is refused with an
 * {@link InvalidMessageException} naming the field before the database sees it.
 *
 * @param messageId the platform's id for the message, unique per channel (dedupe key)
 * @param replyTo platform-specific reply address (a DingTalk session webhook), or null
 * @param replyToExpiresAt when {@code replyTo} stops working, or null if it does not expire
 */
public record ChatMessage(ChatChannel channel, String messageId, String tenant, String user, String threadId,
        String text, String replyTo, Instant replyToExpiresAt) {
    public static final int MAX_MESSAGE_ID_LENGTH = 255;
    public static final int MAX_TENANT_LENGTH = 128;
    public static final int MAX_USER_LENGTH = 128;
    public static final int MAX_THREAD_ID_LENGTH = 255;
    public static final int MAX_TEXT_LENGTH = 8000;
    public static final int MAX_REPLY_TO_LENGTH = 2048;
    /** Timestamp columns, and PostgreSQL's in particular, cannot hold every Instant. */
    public static final Instant LATEST_REPLY_TO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    public ChatMessage {
        Objects.requireNonNull(channel, "channel");
        requireIdentifier("messageId", messageId, MAX_MESSAGE_ID_LENGTH);
        requireIdentifier("tenant", tenant, MAX_TENANT_LENGTH);
        requireIdentifier("user", user, MAX_USER_LENGTH);
        if (threadId != null) {
            requireIdentifier("threadId", threadId, MAX_THREAD_ID_LENGTH);
        }
        requireText("text", text, MAX_TEXT_LENGTH);
        if (replyTo != null) {
            requireIdentifier("replyTo", replyTo, MAX_REPLY_TO_LENGTH);
        }
        if (replyToExpiresAt != null
                && (replyToExpiresAt.isBefore(Instant.EPOCH) || replyToExpiresAt.isAfter(LATEST_REPLY_TO_EXPIRY))) {
            throw new InvalidMessageException("replyToExpiresAt", "is out of range");
        }
    }

    /** Ids and addresses: no control characters at all (not even line breaks). */
    private static void requireIdentifier(String field, String value, int maxLength) {
        requirePresent(field, value, maxLength);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidMessageException(field, "contains a control character");
            }
        }
        requireValidUnicode(field, value);
    }

    /** Free text: line breaks and tabs, but no other control characters (PostgreSQL refuses NUL in text). */
    private static void requireText(String field, String value, int maxLength) {
        requirePresent(field, value, maxLength);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidMessageException(field, "contains a control character");
            }
        }
        requireValidUnicode(field, value);
    }

    private static void requirePresent(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidMessageException(field, "is missing");
        }
        // the length check comes first so that a huge value is not scanned
        if (value.length() > maxLength) {
            throw new InvalidMessageException(field, "is longer than " + maxLength + " characters");
        }
        if (value.isBlank()) {
            throw new InvalidMessageException(field, "is blank");
        }
    }

    /** A lone surrogate (JSON allows "\ud800") cannot be encoded as UTF-8 and would be stored as '?'. */
    private static void requireValidUnicode(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidMessageException(field, "is not valid Unicode");
            }
        }
    }
}
