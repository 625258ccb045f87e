package dev.errand.connectors.shop.taobao;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Taobao Open Platform router ({@code /router/rest}) on a local WireMock server, for tests of anything
 * that talks to a TOP shop (see {@code protocols/taobao-top.md}).
 *
 * <p>Like the real platform, every call is checked before any stub answers: query-string and url-encoded form
 * parameters are merged and URL-decoded, then {@code method}, {@code app_key} (known through
 * {@link #registerApp} or {@link #stubTrade}), {@code sign} ({@link TopSigner#verify} with the app's secret),
 * {@code sign_method=md5}, {@code format=json}, {@code v=2.0}, a {@code yyyy-MM-dd HH:mm:ss} GMT+8
 * {@code timestamp} within 10 minutes of the fake's clock, and {@code session} are verified in that order.
 * A failed check is answered, with HTTP 200, by TOP's {@code error_response} (e.g. code 25
 * {@code Invalid signature}), so a broken signer or a wrong secret makes the test fail. Only md5 signing and
 * JSON are accepted because that is what Errand's client sends.
 *
 * <p>Stubs match on the decoded parameters, the newest stub winning. With no stub,
 * {@code taobao.trade.fullinfo.get} answers error 15 with sub_code {@code isv.trade-not-exist} (TOP's real
 * sub_code for a missing trade is unconfirmed) and any other method answers error 22 {@code Invalid method}.
 *
 * <pre>{@code
 * try (TopFake top = TopFake.start()) {
 *     top.stubTrade("12345678", "secret", "session", "123", "{\"tid\":123,\"status\":\"WAIT_SELLER_SEND_GOODS\"}");
 *     // point the client at top.endpoint(), call it, then assert on top.receivedCalls()
 * }
 * }</pre>
 */
public final class TopFake implements AutoCloseable {
    /** The router path. */
    public static final String PATH = "/router/rest";
    /** The API that reads one trade. */
    public static final String TRADE_FULLINFO_GET = "taobao.trade.fullinfo.get";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final ZoneOffset TOP_ZONE = ZoneOffset.ofHours(8);
    private static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final String JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

    private record App(String secret, Set<String> sessions) {
    }

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final Clock clock;
    private final WireMockServer server;

    private TopFake(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.server = new WireMockServer(options().dynamicPort().extensions(new Gate()));
    }

    /** Starts a fake whose timestamp check uses the system clock. */
    public static TopFake start() {
        return start(Clock.systemUTC());
    }

    /** Starts a fake whose timestamp check uses {@code clock} (give it the clock the client under test uses). */
    public static TopFake start(Clock clock) {
        TopFake fake = new TopFake(clock);
        fake.server.start();
        fake.installDefaults();
        return fake;
    }

    /** The router URL, {@code http://localhost:<port>/router/rest}. */
    public String endpoint() {
        return server.baseUrl() + PATH;
    }

    /** The underlying server, for stubs this class does not offer (faults, delays, HTTP errors). */
    public WireMockServer wireMock() {
        return server;
    }

    /**
     * Lets {@code appKey} call with {@code secret} on behalf of the seller authorized by {@code session}; several
     * sessions may be registered for one app, and registering another secret replaces the app's secret and sessions.
     */
    public void registerApp(String appKey, String secret, String session) {
        apps.compute(appKey, (key, old) -> {
            Set<String> sessions = old != null && old.secret().equals(secret) ? old.sessions() : ConcurrentHashMap.newKeySet();
            sessions.add(session);
            return new App(secret, sessions);
        });
    }

    /**
     * Registers the app and answers {@code taobao.trade.fullinfo.get} for {@code tid} with
     * {@code {"trade_fullinfo_get_response":{"trade":<tradeJson>,"request_id":"..."}}}; {@code tradeJson} is
     * sent verbatim, so write amounts as TOP does ({@code "payment":"200.07"}).
     */
    public void stubTrade(String appKey, String secret, String session, String tid, String tradeJson) {
        JsonNode trade = parse(tradeJson);
        if (!trade.isObject()) {
            throw new IllegalArgumentException("tradeJson must be a JSON object: " + tradeJson);
        }
        registerApp(appKey, secret, session);
        stub(TRADE_FULLINFO_GET, tid, "{\"trade_fullinfo_get_response\":{\"trade\":" + tradeJson
                + ",\"request_id\":\"" + nextRequestId() + "\"}}");
    }

    /** Answers any call with parameter {@code tid} by an {@code error_response}; {@code subCode} and {@code subMsg} may be null. */
    public void stubError(String tid, int code, String msg, String subCode, String subMsg) {
        stub(null, tid, errorBody(code, msg, subCode, subMsg));
    }

    /** Answers any call with parameter {@code tid} by {@code body} verbatim (e.g. a {@code simplify=true} or empty envelope). */
    public void stubBody(String tid, String body) {
        parse(body);
        stub(null, tid, body);
    }

    /** The decoded, merged parameters of every call to the router, oldest first, failed checks included. */
    public List<Map<String, String>> receivedCalls() {
        return List.copyOf(calls);
    }

    /** Forgets stubs, registered apps and received calls. */
    public void reset() {
        server.resetAll();
        apps.clear();
        calls.clear();
        installDefaults();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Parses {@code a=1&b=x+y%2Cz} into decoded name/value pairs, in order. */
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
        return params;
    }

    private static Map<String, String> params(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        Map<String, String> params = decodeForm(query < 0 ? "" : url.substring(query + 1));
        String contentType = request.getHeader("Content-Type");
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            params.putAll(decodeForm(request.getBodyAsString()));
        }
        return params;
    }

    /** Parameters for stub matching: a call whose encoding is broken matches only the catch-all. */
    private static Map<String, String> paramsOrEmpty(Request request) {
        try {
            return params(request);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private void installDefaults() {
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(100)
                .andMatching(request -> MatchResult.of(TRADE_FULLINFO_GET.equals(paramsOrEmpty(request).get("method"))))
                .willReturn(json(errorBody(15, "Remote service error", "isv.trade-not-exist", "trade not exist"))));
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(101)
                .willReturn(json(errorBody(22, "Invalid method", null, null))));
    }

    private void stub(String method, String tid, String body) {
        Objects.requireNonNull(tid, "tid");
        server.stubFor(any(urlPathEqualTo(PATH))
                .andMatching(request -> {
                    Map<String, String> p = paramsOrEmpty(request);
                    return MatchResult.of(tid.equals(p.get("tid")) && (method == null || method.equals(p.get("method"))));
                })
                .willReturn(json(body)));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_CONTENT_TYPE).withBody(body);
    }

    private String errorBody(int code, String msg, String subCode, String subMsg) {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", code);
        error.put("msg", msg);
        if (subCode != null) {
            error.put("sub_code", subCode);
        }
        if (subMsg != null) {
            error.put("sub_msg", subMsg);
        }
        error.put("request_id", nextRequestId());
        ObjectNode root = JSON.createObjectNode();
        root.set("error_response", error);
        return root.toString();
    }

    private String nextRequestId() {
        return "fake" + Long.toString(requestIds.incrementAndGet(), 36);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The platform's checks, in order; null when the call may reach the stubs. */
    private String rejection(RequestMethod httpMethod, Map<String, String> p) {
        if (!RequestMethod.GET.equals(httpMethod) && !RequestMethod.POST.equals(httpMethod)) {
            return errorBody(9, "Http action not allowed", null, null);
        }
        if (blank(p.get("method"))) {
            return errorBody(21, "Missing method", null, null);
        }
        if (blank(p.get("app_key"))) {
            return errorBody(28, "Missing app key", null, null);
        }
        App app = apps.get(p.get("app_key"));
        if (app == null) {
            return errorBody(29, "Invalid app key", null, null);
        }
        if (blank(p.get("timestamp"))) {
            return errorBody(30, "Missing timestamp", null, null);
        }
        if (!timestampWithinSkew(p.get("timestamp"))) {
            return errorBody(31, "Invalid timestamp", null, null);
        }
        if (blank(p.get("v"))) {
            return errorBody(32, "Missing version", null, null);
        }
        if (!"2.0".equals(p.get("v"))) {
            return errorBody(34, "Unsupported version", null, null);
        }
        if (!"json".equals(p.get("format"))) {
            return errorBody(23, "Invalid format", null, "this fake answers format=json only");
        }
        if (blank(p.get("sign"))) {
            return errorBody(24, "Missing signature", null, null);
        }
        if (!"md5".equals(p.get("sign_method"))) {
            return errorBody(25, "Invalid signature", null, "this fake accepts sign_method=md5 only");
        }
        if (!TopSigner.verify(p, app.secret())) {
            return errorBody(25, "Invalid signature", null, null);
        }
        if (blank(p.get("session"))) {
            return errorBody(26, "Missing session", null, null);
        }
        if (!app.sessions().contains(p.get("session"))) {
            return errorBody(27, "Invalid session", null, null);
        }
        return null;
    }

    private boolean timestampWithinSkew(String timestamp) {
        Instant sent;
        try {
            sent = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(TOP_ZONE);
        } catch (DateTimeParseException e) {
            return false;
        }
        return Duration.between(sent, clock.instant()).abs().compareTo(MAX_SKEW) <= 0;
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    /** Runs the platform's checks on every served call before its stub may answer. */
    private final class Gate implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            if (!request.getUrl().startsWith(PATH)) {
                return event.getResponseDefinition();
            }
            Map<String, String> p;
            try {
                p = params(request);
            } catch (IllegalArgumentException e) {
                return json(errorBody(43, "Parameter error", null, "malformed url encoding")).build();
            }
            calls.add(Collections.unmodifiableMap(new LinkedHashMap<>(p)));
            String rejection = rejection(request.getMethod(), p);
            return rejection == null ? event.getResponseDefinition() : json(rejection).build();
        }

        @Override
        public String getName() {
            return "top-fake-gate";
        }
    }
}
