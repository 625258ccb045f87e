package dev.errand.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that plays the external system for a connector's tests: a WireMock server on a
 * free port, stubs for answers, fault injection (delay, connection reset, a burst of 5xx, garbage, an HTML
 * error page, malformed JSON), and every request the connector sent, decoded, to assert on.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ConnectorTestKit system = ConnectorTestKit.create();
 * ...
 * system.answerJson("/track/SF123", "{\"status\":\"DELIVERED\"}");
 * system.serverErrors("/track/SF123", 2, 503, "{\"status\":\"DELIVERED\"}");   // two 503s, then the answer
 * system.assertCallCount(3);
 * }</pre>
 * Registered as a static field, the server lives for the class and is reset before each test; as an
 * instance field, it lives for one test.
 */
public final class ConnectorTestKit implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    /** Fault stubs win over plain answers for the same path. */
    private static final int FAULT_PRIORITY = 1;
    private static final int ANSWER_PRIORITY = 5;

    private WireMockServer server;
    private boolean perClass;

    private ConnectorTestKit() {
    }

    public static ConnectorTestKit create() {
        return new ConnectorTestKit();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            start();
        }
        server.resetAll();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    private void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** {@code http://localhost:<port>}: the connector's base URL in tests. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + server().port());
    }

    /** The base URL with {@code path} appended. */
    public URI url(String path) {
        return URI.create(baseUrl() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The WireMock server itself, for stubs the helpers below do not cover. */
    public WireMockServer wireMock() {
        return server();
    }

    // ---- answers -------------------------------------------------------------------------------------

    /** Answers any method on {@code path} with 200 and this JSON. */
    public void answerJson(String path, String json) {
        answer(path, 200, "application/json;charset=UTF-8", json);
    }

    /** Answers any method on {@code path} with this status and JSON. */
    public void answerJson(String path, int status, String json) {
        answer(path, status, "application/json;charset=UTF-8", json);
    }

    public void answer(String path, int status, String contentType, String body) {
        server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(ANSWER_PRIORITY)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    // ---- faults --------------------------------------------------------------------------------------

    /** Answers {@code json} only after {@code delay}: with a delay beyond the read timeout, a timeout. */
    public void delay(String path, Duration delay, String json) {
        server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(FAULT_PRIORITY)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(json).withFixedDelay((int) delay.toMillis())));
    }

    /** Resets the connection (TCP RST) instead of answering. */
    public void connectionReset(String path) {
        server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(FAULT_PRIORITY)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Answers {@code failures} times with {@code status} (e.g. 503), then 200 with {@code thenJson}, forever. */
    public void serverErrors(String path, int failures, int status, String thenJson) {
        String scenario = "server-errors " + normal(path);
        for (int i = 0; i < failures; i++) {
            server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(FAULT_PRIORITY)
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i)
                    .willSetStateTo("failed " + (i + 1))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/plain")
                            .withBody("Service Unavailable")));
        }
        server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(FAULT_PRIORITY)
                .inScenario(scenario).whenScenarioStateIs(failures == 0 ? Scenario.STARTED : "failed " + failures)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(thenJson)));
    }

    /** Answers 200 with a body that is no format at all, labelled as JSON. */
    public void garbage(String path) {
        answerFault(path, 200, "application/json", "\u0000\u00ff#garbage%%<<");
    }

    /** Answers with an HTML error page, as a proxy or a gateway in front of the system does. */
    public void htmlErrorPage(String path, int status) {
        answerFault(path, status, "text/html",
                "<!DOCTYPE html><html><head><title>" + status + "</title></head><body><h1>Error " + status
                        + "</h1><p>The upstream server did not answer.</p></body></html>");
    }

    /** Answers 200 with JSON cut off in the middle. */
    public void malformedJson(String path) {
        answerFault(path, 200, "application/json", "{\"result\":{\"id\":\"42\",\"sta");
    }

    /** Answers 200 with well-formed JSON of a shape the system never sends. */
    public void unexpectedShape(String path) {
        answerFault(path, 200, "application/json", "{\"message\":\"ok\",\"data\":null}");
    }

    private void answerFault(String path, int status, String contentType, String body) {
        server().stubFor(any(urlPathEqualTo(normal(path))).atPriority(FAULT_PRIORITY)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    // ---- recorded calls ------------------------------------------------------------------------------

    /** Every request received since the test began, oldest first, decoded. */
    public List<RecordedCall> calls() {
        List<ServeEvent> events = new ArrayList<>(server().getAllServeEvents());
        Collections.reverse(events);
        List<RecordedCall> calls = new ArrayList<>();
        for (ServeEvent event : events) {
            calls.add(decode(event.getRequest()));
        }
        return List.copyOf(calls);
    }

    /** The only request received; fails if there were none or several. */
    public RecordedCall onlyCall() {
        List<RecordedCall> calls = calls();
        if (calls.size() != 1) {
            throw new AssertionError("expected exactly one call, got " + calls.size() + ": " + describe(calls));
        }
        return calls.get(0);
    }

    public void assertCallCount(int expected) {
        List<RecordedCall> calls = calls();
        if (calls.size() != expected) {
            throw new AssertionError("expected " + expected + " call(s), got " + calls.size() + ": " + describe(calls));
        }
    }

    /** Fails naming the first call that does not pass {@code check}; also fails when there was no call. */
    public void assertEveryCall(String description, Predicate<RecordedCall> check) {
        List<RecordedCall> calls = calls();
        if (calls.isEmpty()) {
            throw new AssertionError("expected calls that " + description + ", got none");
        }
        for (int i = 0; i < calls.size(); i++) {
            if (!check.test(calls.get(i))) {
                throw new AssertionError("call " + (i + 1) + " of " + calls.size() + " does not " + description
                        + ": " + calls.get(i).method() + " " + calls.get(i).path());
            }
        }
    }

    private static String describe(List<RecordedCall> calls) {
        return calls.stream().map(c -> c.method() + " " + c.path()).toList().toString();
    }

    private static RecordedCall decode(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), List.copyOf(header.values()));
        }
        String contentType = request.getHeader("Content-Type");
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        String body = request.getBodyAsString();
        return new RecordedCall(request.getMethod().getName(), q < 0 ? url : url.substring(0, q),
                decodeForm(q < 0 ? "" : url.substring(q + 1)), form ? decodeForm(body) : Map.of(), headers, body);
    }

    /** {@code a=1&b=x+y%2Cz} → decoded pairs, in order. */
    static Map<String, String> decodeForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(params);
    }

    private static String normal(String path) {
        return path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    }

    private WireMockServer server() {
        if (server == null) {
            throw new IllegalStateException("the test kit is not started: register it with @RegisterExtension");
        }
        return server;
    }

}
