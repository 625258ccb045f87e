package dev.errand.connectors.sdk.internal;

import dev.errand.connectors.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Calls, failures by kind and latency per connector and operation; tags never carry request values. */
final class ConnectorMetrics {
    static final String CALLS = "errand.connector.calls";
    static final String FAILURES = "errand.connector.failures";
    static final String DURATION = "errand.connector.duration";

    private final MeterRegistry meters;
    private final String connector;

    ConnectorMetrics(MeterRegistry meters, String connector) {
        this.meters = meters;
        this.connector = connector;
    }

    void success(String operation, long nanos) {
        record(operation, "success", nanos);
    }

    void failure(String operation, FailureKind kind, long nanos) {
        String outcome = kind.name().toLowerCase(Locale.ROOT);
        record(operation, outcome, nanos);
        Counter.builder(FAILURES).description("Failed connector calls by kind, after retries")
                .tag("connector", connector).tag("operation", operation).tag("kind", outcome)
                .register(meters).increment();
    }

    private void record(String operation, String outcome, long nanos) {
        Counter.builder(CALLS).description("Connector calls, each counted once after its retries")
                .tag("connector", connector).tag("operation", operation).tag("outcome", outcome)
                .register(meters).increment();
        Timer.builder(DURATION).description("Connector call latency, retries included")
                .tag("connector", connector).tag("operation", operation).tag("outcome", outcome)
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }
}
