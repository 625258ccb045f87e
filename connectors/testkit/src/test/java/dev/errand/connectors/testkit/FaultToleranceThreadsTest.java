package dev.errand.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.Operation;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plain Java program that used a connector can still exit: the fault-tolerance threads are daemons. */
class FaultToleranceThreadsTest {
    @RegisterExtension
    static ConnectorTestKit system = ConnectorTestKit.create();

    @Test
    void should_run_retries_and_timers_on_daemon_threads_only() {
        system.serverErrors("/ping", 1, 503, "{}");
        ConnectorClient.builder(ConnectorConfig.of("ping", system.baseUrl())
                        .withRetry(new ConnectorConfig.Retry(1, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO)))
                .build()
                .call(Operation.readOnly("ping"), ConnectorRequest.get("/ping"), r -> r.status());

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().toLowerCase(Locale.ROOT).contains("fault"))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName() + " is a daemon").isTrue());
    }
}
