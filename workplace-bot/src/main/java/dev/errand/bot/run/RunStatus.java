package dev.errand.bot.run;

/** Where an agent turn stands. */
public enum RunStatus {
    /** Acknowledged to the chat platform and stored; not yet processed. */
    RECEIVED,
    /** Being processed by the agent. */
    RUNNING,
    /** The agent answered; the reply is stored and about to be delivered. */
    ANSWERED,
    /** The reply reached the chat platform. */
    DELIVERED,
    /** The reply could not be delivered; {@code error} says why. */
    DELIVERY_FAILED,
    /** Processing failed; {@code error} says why. */
    FAILED
}
