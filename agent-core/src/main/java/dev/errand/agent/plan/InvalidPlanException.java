package dev.errand.agent.plan;

/** A plan that does not fit the plan schema; the message names the field, e.g. {@code steps[1].after}. */
public final class InvalidPlanException extends Exception {
    public InvalidPlanException(String message) {
        super(message, null, false, false);
    }
}
