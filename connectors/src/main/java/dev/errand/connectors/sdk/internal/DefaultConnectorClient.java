package dev.errand.connectors.sdk.internal;

import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.ConnectorRateLimitedException;
import dev.errand.connectors.ConnectorUnavailableException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.ConnectorResponse;
import dev.errand.connectors.sdk.ErrorMapper;
import dev.errand.connectors.sdk.Operation;
import dev.errand.connectors.sdk.OutgoingRequest;
import dev.errand.connectors.sdk.RequestSigner;
import dev.errand.connectors.sdk.ResponseReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The SDK's client: JDK {@link HttpClient} for the wire, a SmallRye Fault Tolerance {@link Guard}
 * (retry → circuit breaker → rate limit, in that nesting) per connector for resilience.
 */
public final class DefaultConnectorClient implements ConnectorClient {
    private static final System.Logger LOG = System.getLogger(DefaultConnectorClient.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded;charset=UTF-8";

    private final ConnectorConfig config;
    private final RequestSigner signer;
    private final ErrorMapper errors;
    private final ConnectorMetrics metrics;
    private final HttpClient http;
    private final Guard guard;

    public DefaultConnectorClient(ConnectorConfig config, RequestSigner signer, ErrorMapper errors,
            MeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.metrics = new ConnectorMetrics(meters, config.name());
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        FaultToleranceRuntime.start();
        this.guard = guard(config);
    }

    private static Guard guard(ConnectorConfig config) {
        ConnectorConfig.Retry retry = config.retry();
        ConnectorConfig.CircuitBreaker breaker = config.circuitBreaker();
        Guard.Builder builder = Guard.create().withDescription("connector " + config.name());
        if (retry.maxRetries() > 0) {
            builder = builder.withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    // the whole budget: every delay at its maximum plus a read timeout per attempt
                    .maxDuration(retry.maxDelay().plus(config.readTimeout()).multipliedBy(retry.maxRetries() + 1L)
                            .plus(Duration.ofSeconds(1)).toMillis(), ChronoUnit.MILLIS)
                    .whenException(DefaultConnectorClient::retryable)
                    .withExponentialBackoff().factor(2).maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                    .done();
        }
        builder = builder.withCircuitBreaker()
                .requestVolumeThreshold(breaker.requestVolume())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.openFor().toMillis(), ChronoUnit.MILLIS)
                // only an unavailable system counts against it: a "not found" is a healthy answer
                .when(DefaultConnectorClient::retryable)
                .done();
        if (config.rateLimit() != null) {
            builder = builder.withRateLimit()
                    .limit(config.rateLimit().calls())
                    .window(config.rateLimit().window().toMillis(), ChronoUnit.MILLIS)
                    .done();
        }
        return builder.build();
    }

    /** Retried and counted by the breaker: the system's transient failures (our breaker and limiter throw other types). */
    private static boolean retryable(Throwable e) {
        return e instanceof ConnectorException c && c.retryable();
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public <T> T call(Operation operation, ConnectorRequest request, ResponseReader<T> reader) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reader, "reader");
        if (operation.sideEffecting() && request.idempotencyKey() == null) {
            throw new IllegalArgumentException(config.name() + " " + operation.name()
                    + " changes something: it needs the step's idempotency key, and none was given");
        }
        long started = System.nanoTime();
        try {
            @SuppressWarnings("unchecked")
            T result = (T) guard.call(() -> guarded(operation, request, reader), Object.class);
            metrics.success(operation.name(), System.nanoTime() - started);
            return result;
        } catch (ConnectorException e) {
            metrics.failure(operation.name(), e.kind(), System.nanoTime() - started);
            LOG.log(System.Logger.Level.DEBUG, () -> "connector " + config.name() + " operation " + operation.name()
                    + " failed: " + e.kind());
            throw errors.map(e);
        } catch (CircuitBreakerOpenException e) {
            ConnectorUnavailableException failure = new ConnectorUnavailableException(config.name() + " "
                    + operation.name() + ": circuit open after repeated failures, not calling for now", e);
            metrics.failure(operation.name(), failure.kind(), System.nanoTime() - started);
            throw errors.map(failure);
        } catch (RateLimitException e) {
            ConnectorRateLimitedException failure = new ConnectorRateLimitedException(config.name() + " "
                    + operation.name() + ": over our own rate limit of " + config.rateLimit().calls() + " calls per "
                    + config.rateLimit().window(), null, e);
            metrics.failure(operation.name(), failure.kind(), System.nanoTime() - started);
            throw errors.map(failure);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // guarded() throws only unchecked exceptions; the guard adds InterruptedException while backing off
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ConnectorUnavailableException failure = new ConnectorUnavailableException(config.name() + " "
                    + operation.name() + ": interrupted", e);
            metrics.failure(operation.name(), failure.kind(), System.nanoTime() - started);
            throw errors.map(failure);
        }
    }

    /** One attempt: build, place the key, sign, send, classify. */
    private <T> Object guarded(Operation operation, ConnectorRequest request, ResponseReader<T> reader) {
        OutgoingRequest outgoing = new OutgoingRequest(operation.name(), request.method(), resolve(request.path()),
                request.query(), request.form(), request.headers(), request.body());
        if (operation.sideEffecting()) {
            operation.keyPlacement().place(outgoing, request.idempotencyKey());
        }
        signer.sign(outgoing);
        HttpResponse<String> response = send(operation, request, outgoing);
        return read(operation, response, reader);
    }

    private URI resolve(String path) {
        if (path.isEmpty()) {
            return config.baseUrl();
        }
        if (path.startsWith("https://") || path.startsWith("http://")) {
            // per-conversation webhooks: the caller checked the host
            return URI.create(path);
        }
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (path.startsWith("/") ? path : "/" + path));
    }

    private HttpResponse<String> send(Operation operation, ConnectorRequest request, OutgoingRequest outgoing) {
        String url = outgoing.url().toString();
        if (!outgoing.query().isEmpty()) {
            url += (outgoing.url().getRawQuery() == null ? "?" : "&") + encode(outgoing.query());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(config.readTimeout());
        outgoing.headers().forEach(builder::header);
        HttpRequest.BodyPublisher body;
        if (!outgoing.form().isEmpty()) {
            builder.header("Content-Type", FORM);
            body = HttpRequest.BodyPublishers.ofString(encode(outgoing.form()), StandardCharsets.UTF_8);
        } else if (outgoing.body() != null) {
            if (request.contentType() != null && !outgoing.headers().containsKey("Content-Type")) {
                builder.header("Content-Type", request.contentType());
            }
            body = HttpRequest.BodyPublishers.ofString(outgoing.body(), StandardCharsets.UTF_8);
        } else {
            body = HttpRequest.BodyPublishers.noBody();
        }
        builder.method(outgoing.method(), body);
        String what = config.name() + " " + operation.name();
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectorUnavailableException(what + ": no connection within " + config.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new ConnectorUnavailableException(what + ": no answer within " + config.readTimeout(), e);
        } catch (IOException e) {
            // refused, reset, closed mid-answer: the exception's own message may quote the URL, so only its type
            throw new ConnectorUnavailableException(what + ": connection failed (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorUnavailableException(what + ": interrupted", e);
        }
    }

    private <T> Object read(Operation operation, HttpResponse<String> response, ResponseReader<T> reader) {
        int status = response.statusCode();
        String what = config.name() + " answered " + operation.name() + " with HTTP " + status;
        if (status == 429) {
            throw new ConnectorRateLimitedException(what, retryAfter(response), null);
        }
        if (status >= 500 || status == 408) {
            throw new ConnectorUnavailableException(what, null);
        }
        ConnectorResponse answer = new ConnectorResponse(config.name(), operation.name(), status,
                response.headers().map(), response.body() == null ? "" : response.body());
        try {
            return reader.read(answer);
        } catch (ConnectorException e) {
            throw e;
        } catch (Exception e) {
            // a reader that cannot make sense of the answer means the system did not answer in its format
            throw new ConnectorUnavailableException(what + " and an answer of unexpected shape ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
