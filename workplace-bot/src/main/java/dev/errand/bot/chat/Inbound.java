package dev.errand.bot.chat;

/** What a chat adapter made of a webhook request; every possible verdict is listed here. */
public sealed interface Inbound {

    /** A verified message to process, admitted if {@code guard} admits it when it is stored. */
    record Accepted(ChatMessage message, IntakeGuard guard) implements Inbound {
        public Accepted(ChatMessage message) {
            this(message, IntakeGuard.NONE);
        }
    }

    /** A verified request with nothing to process (e.g. a picture); acknowledged, not answered. */
    record Ignored(String reason) implements Inbound {
    }

    /** Not signed as the platform signs: HTTP 401, nothing processed. */
    record Unauthenticated(String error) implements Inbound {
    }

    /** Signed but malformed or not allowed: HTTP 400 naming the field, nothing processed. */
    record Invalid(String error) implements Inbound {
    }
}
