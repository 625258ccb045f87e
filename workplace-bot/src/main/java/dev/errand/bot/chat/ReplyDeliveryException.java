package dev.errand.bot.chat;

/** A chat platform did not accept a reply. */
public class ReplyDeliveryException extends Exception {
    private final boolean retryable;

    public ReplyDeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
