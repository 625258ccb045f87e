package dev.errand.connectors.shop.taobao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.shop.taobao.TopSettings;
import dev.errand.connectors.shop.taobao.TopSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One TOP call: system parameters in the query string, business parameters in the form body, both
 * covered by the md5 signature; the JSON envelope unwrapped or turned into a {@link TopError}.
 */
public final class TopClient {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset TOP_ZONE = ZoneOffset.ofHours(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopSettings settings;
    private final Clock clock;
    private final HttpClient http;

    public TopClient(TopSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Calls {@code method} and returns the body of its {@code <method>_response} object. */
    public JsonNode call(String method, Map<String, String> businessParams) throws TopError {
        Map<String, String> system = new LinkedHashMap<>();
        system.put("method", method);
        system.put("app_key", settings.appKey());
        system.put("session", settings.session().reveal());
        system.put("timestamp", TIMESTAMP.format(clock.instant().atOffset(TOP_ZONE)));
        system.put("format", "json");
        system.put("v", "2.0");
        system.put("sign_method", "md5");
        Map<String, String> all = new LinkedHashMap<>(system);
        all.putAll(businessParams);
        system.put("sign", TopSigner.sign(all, settings.appSecret().reveal(), TopSigner.Method.MD5));

        URI uri = URI.create(settings.endpoint() + (settings.endpoint().getRawQuery() == null ? "?" : "&") + form(system));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(businessParams)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ShopUnavailableException("shop did not answer " + method + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while calling " + method, e);
        }
        return unwrap(method, response);
    }

    private static JsonNode unwrap(String method, HttpResponse<String> response) throws TopError {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ShopUnavailableException("shop answered " + method + " with HTTP " + response.statusCode()
                    + " and a body that is not JSON", e);
        }
        JsonNode error = body.path("error_response");
        if (!error.isMissingNode()) {
            throw new TopError(error.path("code").asText(""), error.path("msg").asText(""),
                    error.path("sub_code").asText(""), error.path("sub_msg").asText(""),
                    error.path("request_id").asText(""));
        }
        if (response.statusCode() >= 300) {
            throw new ShopUnavailableException("shop answered " + method + " with HTTP " + response.statusCode(), null);
        }
        JsonNode wrapped = body.path(responseKey(method));
        if (wrapped.isObject()) {
            return wrapped;
        }
        if (!body.isObject() || body.isEmpty() || hasResponseKey(body)) {
            // an empty body or another method's envelope is a gateway fault, not an empty answer
            throw new ShopUnavailableException("shop answered " + method + " with an unexpected body", null);
        }
        // simplify=true responses carry no wrapper
        return body;
    }

    private static boolean hasResponseKey(JsonNode body) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            if (names.next().endsWith("_response")) {
                return true;
            }
        }
        return false;
    }

    /** {@code taobao.trade.fullinfo.get} → {@code trade_fullinfo_get_response}. */
    static String responseKey(String method) {
        String name = method.startsWith("taobao.") ? method.substring("taobao.".length()) : method;
        return name.replace('.', '_') + "_response";
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
