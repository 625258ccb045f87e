package dev.errand.connectors.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a connector asks for: method, path (relative to the configured base URL, or an absolute http(s) URL
 * for per-conversation addresses such as chat webhooks, whose host the caller checked), query and form
 * parameters, headers, an optional raw body, and for a side-effecting call the step's idempotency key.
 * Immutable; the {@code with*} methods return a copy. {@link #toString()} prints parameter names only,
 * never values, since values may be tokens.
 */
public final class ConnectorRequest {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> form;
    private final Map<String, String> headers;
    private final String body;
    private final String contentType;
    private final String idempotencyKey;

    private ConnectorRequest(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, String> headers, String body, String contentType, String idempotencyKey) {
        this.method = method;
        this.path = Objects.requireNonNull(path, "path");
        this.query = Collections.unmodifiableMap(query);
        this.form = Collections.unmodifiableMap(form);
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
        this.contentType = contentType;
        this.idempotencyKey = idempotencyKey;
        if (body != null && !form.isEmpty()) {
            throw new IllegalArgumentException("a request has form parameters or a body, not both");
        }
    }

    public static ConnectorRequest get(String path) {
        return new ConnectorRequest("GET", path, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                null, null, null);
    }

    public static ConnectorRequest post(String path) {
        return new ConnectorRequest("POST", path, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                null, null, null);
    }

    public ConnectorRequest withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, Objects.requireNonNull(value, name));
        return new ConnectorRequest(method, path, q, form, headers, body, contentType, idempotencyKey);
    }

    public ConnectorRequest withQuery(Map<String, String> params) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putAll(params);
        return new ConnectorRequest(method, path, q, form, headers, body, contentType, idempotencyKey);
    }

    /** A form parameter: the body is sent {@code application/x-www-form-urlencoded; charset=UTF-8}. */
    public ConnectorRequest withForm(String name, String value) {
        Map<String, String> f = new LinkedHashMap<>(form);
        f.put(name, Objects.requireNonNull(value, name));
        return new ConnectorRequest(method, path, query, f, headers, body, contentType, idempotencyKey);
    }

    public ConnectorRequest withForm(Map<String, String> params) {
        Map<String, String> f = new LinkedHashMap<>(form);
        f.putAll(params);
        return new ConnectorRequest(method, path, query, f, headers, body, contentType, idempotencyKey);
    }

    public ConnectorRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, Objects.requireNonNull(value, name));
        return new ConnectorRequest(method, path, query, form, h, body, contentType, idempotencyKey);
    }

    /** A raw body, e.g. JSON with {@code application/json; charset=utf-8}. */
    public ConnectorRequest withBody(String body, String contentType) {
        return new ConnectorRequest(method, path, query, form, headers, Objects.requireNonNull(body, "body"),
                Objects.requireNonNull(contentType, "contentType"), idempotencyKey);
    }

    /** The step's idempotency key; required by side-effecting operations, placed by the operation. */
    public ConnectorRequest withIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("idempotency key must not be blank");
        }
        return new ConnectorRequest(method, path, query, form, headers, body, contentType, key);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    public Map<String, String> form() {
        return form;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public String toString() {
        return method + " " + path + " query" + query.keySet() + " form" + form.keySet();
    }
}
