package dev.errand.bot.chat;

/** The platform could not take the reply now (throttled, unreachable, 5xx); the same post may succeed later. */
public class TransientReplyDeliveryException extends ReplyDeliveryException {

    public TransientReplyDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
