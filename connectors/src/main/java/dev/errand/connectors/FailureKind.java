package dev.errand.connectors;

/**
 * What went wrong in a call to an external system, as a caller would handle it. Metrics count failures
 * by kind; {@link #retryable()} says whether the same call may succeed later.
 */
public enum FailureKind {
    /** The system has no such thing (order, payment, waybill). */
    NOT_FOUND(false),
    /** The system refused the request: bad argument, permission, business rule, expired session. */
    REJECTED(false),
    /** Too many calls: the system (or our own limit) throttled this one. */
    RATE_LIMITED(true),
    /** No usable answer: timeout, reset, 5xx, open circuit, or an answer that is not the system's format. */
    UNAVAILABLE(true),
    /** A signature did not verify: ours was refused, or the answer's does not match. */
    BAD_SIGNATURE(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
