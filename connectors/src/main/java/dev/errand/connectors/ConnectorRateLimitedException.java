package dev.errand.connectors;

import java.time.Duration;
import java.util.Optional;

/** The system (or our own rate limit) throttled the call; {@link #retryAfter()} when it said how long to wait. */
public class ConnectorRateLimitedException extends TransientConnectorException {
    private final Duration retryAfter;

    public ConnectorRateLimitedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.RATE_LIMITED;
    }

    @Override
    public String userMessage() {
        return "the system is busy right now, please try again in a moment";
    }
}
