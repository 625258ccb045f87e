package dev.errand.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.ConnectorNotFoundException;
import dev.errand.connectors.ConnectorRateLimitedException;
import dev.errand.connectors.ConnectorRejectedException;
import dev.errand.connectors.ConnectorUnavailableException;
import dev.errand.connectors.FailureKind;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.ConnectorResponse;
import dev.errand.connectors.sdk.Operation;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault the kit injects ends as the right typed exception, and only retryable ones are retried. */
class ConnectorClientFaultsTest {
    @RegisterExtension
    static ConnectorTestKit system = ConnectorTestKit.create();

    static final String PATH = "/items/42";
    static final Operation GET_ITEM = Operation.readOnly("get_item");
    static final ConnectorConfig.Retry FAST = new ConnectorConfig.Retry(2, Duration.ofMillis(10),
            Duration.ofMillis(40), Duration.ofMillis(5));

    private ConnectorClient client() {
        return ConnectorClient.builder(ConnectorConfig.of("items", system.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).withRetry(FAST)).build();
    }

    /** The reader a connector writes: 404 is "not found", 400 "rejected", otherwise the item's name. */
    private static String readItem(ConnectorResponse response) {
        if (response.status() == 404) {
            throw new ConnectorNotFoundException("item not found", null);
        }
        if (response.status() == 400) {
            throw new ConnectorRejectedException("item request rejected", null);
        }
        JsonNode item = response.json();
        return item.get("name").asText();
    }

    private String getItem() {
        return client().call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem);
    }

    @Test
    void should_read_the_answer_in_one_call() {
        system.answerJson(PATH, "{\"name\":\"Mug\"}");

        assertThat(getItem()).isEqualTo("Mug");
        assertThat(system.onlyCall().method()).isEqualTo("GET");
    }

    @Test
    void should_retry_a_burst_of_5xx_and_then_succeed() {
        system.serverErrors(PATH, 2, 503, "{\"name\":\"Mug\"}");

        assertThat(getItem()).isEqualTo("Mug");
        system.assertCallCount(3);
    }

    @Test
    void should_report_unavailable_when_5xx_outlasts_the_retries() {
        system.serverErrors(PATH, 5, 502, "{\"name\":\"Mug\"}");

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class, this::getItem);

        assertThat(e.retryable()).isTrue();
        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 502");
        system.assertCallCount(3);
    }

    @Test
    void should_report_unavailable_after_retrying_a_delay_beyond_the_read_timeout() {
        system.delay(PATH, Duration.ofSeconds(2), "{\"name\":\"Mug\"}");

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class, this::getItem);

        assertThat(e).hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(e.getMessage()).contains("no answer within");
        system.assertCallCount(3);
    }

    @Test
    void should_report_unavailable_after_retrying_a_connection_reset() {
        system.connectionReset(PATH);

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class, this::getItem);

        assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
        system.assertCallCount(3);
    }

    @Test
    void should_report_garbage_as_unavailable_never_as_not_found() {
        system.garbage(PATH);

        ConnectorException e = catchThrowableOfType(ConnectorException.class, this::getItem);

        assertThat(e).isInstanceOf(ConnectorUnavailableException.class).isNotInstanceOf(ConnectorNotFoundException.class);
        assertThat(e.getMessage()).contains("not JSON");
    }

    @Test
    void should_report_an_html_error_page_as_unavailable() {
        system.htmlErrorPage(PATH, 200);

        assertThat(catchThrowableOfType(ConnectorUnavailableException.class, this::getItem)).isNotNull();
    }

    @Test
    void should_report_an_html_404_page_from_a_proxy_as_unavailable_when_the_reader_does_not_claim_it() {
        system.htmlErrorPage(PATH, 502);

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class, this::getItem);

        assertThat(e.getMessage()).contains("HTTP 502");
        system.assertCallCount(3);
    }

    @Test
    void should_report_malformed_json_as_unavailable() {
        system.malformedJson(PATH);

        assertThat(catchThrowableOfType(ConnectorUnavailableException.class, this::getItem)).isNotNull();
    }

    @Test
    void should_report_an_unexpected_shape_as_unavailable() {
        system.unexpectedShape(PATH);

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class, this::getItem);

        assertThat(e.getMessage()).contains("unexpected shape");
    }

    @Test
    void should_not_retry_not_found() {
        system.answerJson(PATH, 404, "{\"error\":\"no such item\"}");

        ConnectorNotFoundException e = catchThrowableOfType(ConnectorNotFoundException.class, this::getItem);

        assertThat(e.retryable()).isFalse();
        system.assertCallCount(1);
    }

    @Test
    void should_not_retry_a_rejection() {
        system.answerJson(PATH, 400, "{\"error\":\"bad id\"}");

        assertThat(catchThrowableOfType(ConnectorRejectedException.class, this::getItem).retryable()).isFalse();
        system.assertCallCount(1);
    }

    @Test
    void should_retry_429_and_report_rate_limited_with_the_retry_after() {
        system.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                        .withHeader("Retry-After", "7")));

        ConnectorRateLimitedException e = catchThrowableOfType(ConnectorRateLimitedException.class, this::getItem);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        system.assertCallCount(3);
    }

    @Test
    void should_open_the_circuit_after_repeated_failures_and_stop_calling() {
        system.serverErrors(PATH, 100, 503, "{\"name\":\"Mug\"}");
        ConnectorClient client = ConnectorClient.builder(ConnectorConfig.of("items", system.baseUrl())
                .withRetry(ConnectorConfig.Retry.NONE)
                .withCircuitBreaker(new ConnectorConfig.CircuitBreaker(4, 0.5, Duration.ofMinutes(1)))).build();
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ConnectorUnavailableException.class,
                    () -> client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem));
        }

        ConnectorUnavailableException e = catchThrowableOfType(ConnectorUnavailableException.class,
                () -> client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem));

        assertThat(e.getMessage()).contains("circuit open");
        system.assertCallCount(4);
    }

    @Test
    void should_not_open_the_circuit_on_not_found_answers() {
        system.answerJson(PATH, 404, "{}");
        ConnectorClient client = ConnectorClient.builder(ConnectorConfig.of("items", system.baseUrl())
                .withCircuitBreaker(new ConnectorConfig.CircuitBreaker(2, 0.5, Duration.ofMinutes(1)))).build();
        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(ConnectorNotFoundException.class,
                    () -> client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem));
        }

        system.assertCallCount(5);
    }

    @Test
    void should_refuse_calls_over_its_own_rate_limit_without_sending_them() {
        system.answerJson(PATH, "{\"name\":\"Mug\"}");
        ConnectorClient client = ConnectorClient.builder(ConnectorConfig.of("items", system.baseUrl())
                .withRateLimit(new ConnectorConfig.RateLimit(2, Duration.ofMinutes(1)))).build();
        client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem);
        client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem);

        ConnectorRateLimitedException e = catchThrowableOfType(ConnectorRateLimitedException.class,
                () -> client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem));

        assertThat(e.getMessage()).contains("our own rate limit");
        system.assertCallCount(2);
    }

    @Test
    void should_map_the_final_failure_with_the_connectors_error_mapper() {
        system.answerJson(PATH, 404, "{}");
        ConnectorClient client = ConnectorClient.builder(ConnectorConfig.of("items", system.baseUrl()))
                .errors(e -> new IllegalStateException("mapped " + e.kind())).build();

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> client.call(GET_ITEM, ConnectorRequest.get(PATH), ConnectorClientFaultsTest::readItem));

        assertThat(e).hasMessage("mapped NOT_FOUND");
    }
}
