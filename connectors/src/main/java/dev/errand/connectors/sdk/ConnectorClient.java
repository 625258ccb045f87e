package dev.errand.connectors.sdk;

import dev.errand.connectors.sdk.internal.DefaultConnectorClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;

/**
 * The one HTTP client every connector uses. Each {@link #call} signs the request, applies the timeouts,
 * retries retryable failures with exponential backoff and jitter, goes through the connector's circuit
 * breaker and rate limit (SmallRye Fault Tolerance), maps failures to the typed
 * {@link dev.errand.connectors.ConnectorException}s and records metrics per connector and operation:
 * {@code errand.connector.calls} (tag {@code outcome}: {@code success} or a failure kind),
 * {@code errand.connector.failures} (tag {@code kind}) and the timer {@code errand.connector.duration}.
 * Thread-safe; make one per connector and keep it.
 */
public interface ConnectorClient {

    /**
     * Sends {@code request} as {@code operation} and reads the answer.
     *
     * @throws IllegalArgumentException if the operation is side-effecting and the request has no idempotency key
     * @throws RuntimeException what the {@link ErrorMapper} makes of a failure; by default the
     *         {@link dev.errand.connectors.ConnectorException} itself
     */
    <T> T call(Operation operation, ConnectorRequest request, ResponseReader<T> reader);

    ConnectorConfig config();

    static Builder builder(ConnectorConfig config) {
        return new Builder(config);
    }

    /** Only the configuration is required; signer, error mapper and meter registry have defaults. */
    final class Builder {
        private final ConnectorConfig config;
        private RequestSigner signer = RequestSigner.NONE;
        private ErrorMapper errors = ErrorMapper.IDENTITY;
        private MeterRegistry meters;

        private Builder(ConnectorConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder signer(RequestSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        public Builder errors(ErrorMapper errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /** Where metrics go; without one, a private {@link SimpleMeterRegistry}. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        public ConnectorClient build() {
            return new DefaultConnectorClient(config, signer, errors,
                    meters == null ? new SimpleMeterRegistry() : meters);
        }
    }
}
