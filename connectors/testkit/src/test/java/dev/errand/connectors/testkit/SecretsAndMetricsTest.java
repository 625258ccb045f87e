package dev.errand.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.ConnectorUnavailableException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.Operation;
import dev.errand.connectors.sdk.OutgoingRequest;
import dev.errand.connectors.secret.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens in parameters and headers reach neither exceptions nor logs; metrics count per operation and kind. */
class SecretsAndMetricsTest {
    @RegisterExtension
    static ConnectorTestKit system = ConnectorTestKit.create();

    static final Secret TOKEN = Secret.of("tok-3f9a-SECRET-c71e");
    static final Secret KEY = Secret.of("key-88d2-SECRET-0b4a");

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // ours and the fault-tolerance library's; the JDK client's own trace (off unless asked for) prints URLs
            String name = String.valueOf(record.getLoggerName());
            if (name.startsWith("dev.errand") || name.startsWith("io.smallrye")) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private Level previous;

    @BeforeEach
    void captureLogs() {
        previous = root.getLevel();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        Logger.getLogger("dev.errand").setLevel(Level.ALL);
        Logger.getLogger("io.smallrye").setLevel(Level.ALL);
    }

    @AfterEach
    void stopCapturing() {
        root.removeHandler(capture);
        root.setLevel(previous);
        Logger.getLogger("dev.errand").setLevel(null);
        Logger.getLogger("io.smallrye").setLevel(null);
    }

    private ConnectorClient client(SimpleMeterRegistry meters) {
        return ConnectorClient.builder(ConnectorConfig.of("crm", system.baseUrl())
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
                        .withRetry(new ConnectorConfig.Retry(1, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO)))
                .signer((OutgoingRequest r) -> r.headers().put("X-Sign", KEY.reveal() + "-signed"))
                .meterRegistry(meters)
                .build();
    }

    private ConnectorRequest request() {
        return ConnectorRequest.post("/contacts").withQuery("access_token", TOKEN.reveal())
                .withForm("session", TOKEN.reveal());
    }

    @Test
    void should_keep_secrets_out_of_exceptions_and_logs_for_every_fault() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Runnable> faults = List.of(
                () -> system.garbage("/contacts"),
                () -> system.htmlErrorPage("/contacts", 503),
                () -> system.connectionReset("/contacts"),
                () -> system.delay("/contacts", Duration.ofSeconds(1), "{}"),
                () -> system.malformedJson("/contacts"));
        for (Runnable fault : faults) {
            system.wireMock().resetAll();
            fault.run();

            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> client(meters).call(Operation.readOnly("find_contact"), request(), r -> r.json().get("id").asText()));

            assertThat(e).isInstanceOf(ConnectorUnavailableException.class);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN.reveal()).doesNotContain(KEY.reveal());
            }
            assertThat(e.userMessage()).doesNotContain(TOKEN.reveal());
        }
        assertThat(logged).isNotEmpty();
        assertThat(logged).allSatisfy(record -> assertThat(String.valueOf(record.getMessage()))
                .doesNotContain(TOKEN.reveal()).doesNotContain(KEY.reveal()));
        assertThat(request().toString()).doesNotContain(TOKEN.reveal());
    }

    @Test
    void should_count_calls_failures_by_kind_and_latency_per_connector_and_operation() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ConnectorClient client = client(meters);
        system.answerJson("/contacts", "{\"id\":\"c1\"}");
        client.call(Operation.readOnly("find_contact"), request(), r -> r.json().get("id").asText());
        client.call(Operation.readOnly("find_contact"), request(), r -> r.json().get("id").asText());
        system.wireMock().resetAll();
        system.garbage("/contacts");
        catchThrowableOfType(ConnectorUnavailableException.class,
                () -> client.call(Operation.readOnly("find_contact"), request(), r -> r.json().get("id").asText()));

        assertThat(meters.get("errand.connector.calls").tags("connector", "crm", "operation", "find_contact",
                "outcome", "success").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("errand.connector.failures").tags("connector", "crm", "operation", "find_contact",
                "kind", "unavailable").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("errand.connector.duration").tags("connector", "crm", "operation", "find_contact",
                "outcome", "success").timer().count()).isEqualTo(2);
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
                .doesNotContain(TOKEN.reveal()));
    }
}
