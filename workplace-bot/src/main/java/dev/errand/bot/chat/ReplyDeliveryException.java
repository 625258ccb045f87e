package dev.errand.bot.chat;

/**
 * A chat platform did not accept a reply and sending it again will not help (bad address, refused).
 * {@link TransientReplyDeliveryException} marks the failures worth retrying.
 */
public class ReplyDeliveryException extends Exception {

    public ReplyDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
