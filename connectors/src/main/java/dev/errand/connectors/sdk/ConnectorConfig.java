package dev.errand.connectors.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one connector reaches its system and how hard it tries: base URL, timeouts, retry, circuit breaker
 * and rate limit. {@link #of(String, URI)} gives sensible defaults; the {@code with*} methods change one part.
 *
 * @param name the connector's name, used in metrics and messages (e.g. {@code taobao})
 * @param baseUrl requests' paths are resolved against it; a request with an empty path goes to it as is
 * @param connectTimeout longest wait to open a connection
 * @param readTimeout longest wait for the whole answer of one attempt
 * @param retry how retryable failures are retried
 * @param circuitBreaker when to stop calling a failing system for a while
 * @param rateLimit our own cap on calls, or {@code null} for none
 */
public record ConnectorConfig(String name, URI baseUrl, Duration connectTimeout, Duration readTimeout, Retry retry,
        CircuitBreaker circuitBreaker, RateLimit rateLimit) {

    public ConnectorConfig {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("name must be 1-64 lower-case letters, digits, '_', '.', '-', was " + name);
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http or https");
        }
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }

    /** Defaults: 5 s to connect, 15 s to answer, {@link Retry#DEFAULT}, {@link CircuitBreaker#DEFAULT}, no rate limit. */
    public static ConnectorConfig of(String name, URI baseUrl) {
        return new ConnectorConfig(name, baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(15), Retry.DEFAULT,
                CircuitBreaker.DEFAULT, null);
    }

    public ConnectorConfig withTimeouts(Duration connect, Duration read) {
        return new ConnectorConfig(name, baseUrl, connect, read, retry, circuitBreaker, rateLimit);
    }

    public ConnectorConfig withRetry(Retry retry) {
        return new ConnectorConfig(name, baseUrl, connectTimeout, readTimeout, retry, circuitBreaker, rateLimit);
    }

    public ConnectorConfig withCircuitBreaker(CircuitBreaker circuitBreaker) {
        return new ConnectorConfig(name, baseUrl, connectTimeout, readTimeout, retry, circuitBreaker, rateLimit);
    }

    public ConnectorConfig withRateLimit(RateLimit rateLimit) {
        return new ConnectorConfig(name, baseUrl, connectTimeout, readTimeout, retry, circuitBreaker, rateLimit);
    }

    /**
     * Exponential backoff with jitter, for retryable failures only.
     *
     * @param maxRetries retries after the first attempt (0 = none)
     * @param initialDelay wait before the first retry; doubled before each next one
     * @param maxDelay the longest wait between two attempts
     * @param jitter each wait moves by a random amount up to this, either way, so callers do not retry in step
     */
    public record Retry(int maxRetries, Duration initialDelay, Duration maxDelay, Duration jitter) {
        /** Two retries after 200 ms and 400 ms (each ± 100 ms), at most 2 s apart. */
        public static final Retry DEFAULT = new Retry(2, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(100));
        /** One attempt only. */
        public static final Retry NONE = new Retry(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);

        public Retry {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            positive(initialDelay, "initialDelay");
            positive(maxDelay, "maxDelay");
            if (maxRetries > 0 && maxDelay.compareTo(initialDelay) <= 0) {
                throw new IllegalArgumentException("maxDelay must be longer than initialDelay");
            }
            Objects.requireNonNull(jitter, "jitter");
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("jitter must not be negative");
            }
        }
    }

    /**
     * Opens after {@code failureRatio} of the last {@code requestVolume} calls failed with a retryable failure
     * (not-found or rejected answers do not count), refuses calls for {@code openFor}, then lets one through.
     */
    public record CircuitBreaker(int requestVolume, double failureRatio, Duration openFor) {
        /** Half of the last 20 calls failing opens it for 10 s. */
        public static final CircuitBreaker DEFAULT = new CircuitBreaker(20, 0.5, Duration.ofSeconds(10));

        public CircuitBreaker {
            if (requestVolume < 1) {
                throw new IllegalArgumentException("requestVolume must be at least 1");
            }
            if (!(failureRatio > 0 && failureRatio <= 1)) {
                throw new IllegalArgumentException("failureRatio must be in (0, 1]");
            }
            positive(openFor, "openFor");
        }
    }

    /** At most {@code calls} attempts per {@code window}; an attempt above it fails at once as rate limited. */
    public record RateLimit(int calls, Duration window) {
        public RateLimit {
            if (calls < 1) {
                throw new IllegalArgumentException("calls must be at least 1");
            }
            positive(window, "window");
        }
    }

    private static void positive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
