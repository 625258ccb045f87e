package dev.errand.connectors.shop.taobao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.shop.ShopException;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.ConnectorResponse;
import dev.errand.connectors.sdk.Operation;
import dev.errand.connectors.shop.taobao.TopSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One TOP call through the connector SDK: system parameters in the query string, business parameters in
 * the form body, both covered by the md5 signature ({@link TopRequestSigner}); the JSON envelope unwrapped
 * or turned into a {@link TopError}. {@code isp.*} and call-limit errors are retried with backoff by the
 * SDK, {@code isv.*} never; an answer that is not a TOP response is {@link ShopUnavailableException}.
 */
public final class TopClient {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset TOP_ZONE = ZoneOffset.ofHours(8);

    private final TopSettings settings;
    private final Clock clock;
    private final ConnectorClient http;

    public TopClient(TopSettings settings, Clock clock) {
        this(settings, clock, new SimpleMeterRegistry());
    }

    public TopClient(TopSettings settings, Clock clock, MeterRegistry meters) {
        this(settings, clock, meters, ConnectorConfig.Retry.DEFAULT);
    }

    public TopClient(TopSettings settings, Clock clock, MeterRegistry meters, ConnectorConfig.Retry retry) {
        this.settings = settings;
        this.clock = clock;
        this.http = ConnectorClient.builder(ConnectorConfig.of("taobao", settings.endpoint())
                        .withTimeouts(settings.timeout(), settings.timeout())
                        .withRetry(retry))
                .signer(new TopRequestSigner(settings.appSecret()))
                .meterRegistry(meters)
                .build();
    }

    /**
     * Calls {@code method} (every TOP method Errand uses only reads) and returns the body of its
     * {@code <method>_response} object, or the whole body of a simplified answer.
     *
     * @throws TopError when TOP answers with an {@code error_response}
     * @throws ShopUnavailableException when no TOP response came: timeout, reset, 5xx, garbage, HTML, unexpected shape
     */
    public JsonNode call(String method, Map<String, String> businessParams) throws TopError {
        return call(method, businessParams, null);
    }

    /**
     * As {@link #call(String, Map)}, and a simplified answer (no envelope) must hold {@code resultField}
     * (e.g. {@code trade}): without it the body is no answer to this call. An enveloped answer without it
     * is returned as is, since TOP said so in its own format.
     */
    public JsonNode call(String method, Map<String, String> businessParams, String resultField) throws TopError {
        Map<String, String> system = new LinkedHashMap<>();
        system.put("method", method);
        system.put("app_key", settings.appKey());
        system.put("session", settings.session().reveal());
        system.put("timestamp", TIMESTAMP.format(clock.instant().atOffset(TOP_ZONE)));
        system.put("format", "json");
        system.put("v", "2.0");
        system.put("sign_method", "md5");
        ConnectorRequest request = ConnectorRequest.post("").withQuery(system).withForm(businessParams);
        try {
            return http.call(Operation.readOnly(method), request, response -> unwrap(method, response, resultField));
        } catch (TopFailure failure) {
            throw failure.error();
        } catch (ShopException e) {
            throw e;
        } catch (ConnectorException e) {
            // keep the network cause (ConnectException, HttpTimeoutException) where there is one
            throw new ShopUnavailableException("shop is unavailable: " + e.getMessage(),
                    e.getCause() != null ? e.getCause() : e);
        }
    }

    private static JsonNode unwrap(String method, ConnectorResponse response, String resultField) {
        JsonNode body = response.json();
        JsonNode error = body.path("error_response");
        if (error.isObject() && (error.hasNonNull("code") || error.hasNonNull("sub_code"))) {
            throw new TopFailure(new TopError(error.path("code").asText(""), error.path("msg").asText(""),
                    error.path("sub_code").asText(""), error.path("sub_msg").asText(""),
                    error.path("request_id").asText("")));
        }
        if (!response.successful()) {
            throw response.notTheFormat("no TOP envelope", null);
        }
        JsonNode wrapped = body.path(responseKey(method));
        if (wrapped.isObject()) {
            return wrapped;
        }
        if (!body.isObject() || hasResponseKey(body) || !carriesData(body)
                || (resultField != null && !(body.path(resultField).isObject() || body.path(resultField).isArray()))) {
            // an empty object, another method's envelope, a bare status: a gateway fault, never an empty answer
            throw response.notTheFormat("a body that is not a TOP response", null);
        }
        // simplify=true responses carry no wrapper, only the result objects
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

    /** A simplified answer holds its result as objects or arrays ({@code trade}, {@code trades}...). */
    private static boolean carriesData(JsonNode body) {
        for (JsonNode value : body) {
            if (value.isObject() || value.isArray()) {
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

    /** Carries a {@link TopError} through the SDK, retryable exactly when the error is transient. */
    static final class TopFailure extends ConnectorException {
        private final TopError error;

        TopFailure(TopError error) {
            super(error.getMessage(), error.isTransient(), null);
            this.error = error;
        }

        TopError error() {
            return error;
        }

        @Override
        public dev.errand.connectors.FailureKind kind() {
            return error.kind();
        }
    }
}
