package dev.errand.connectors.sdk;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attempt about to be sent, as a {@link RequestSigner} and an {@link IdempotencyKeyPlacement} see it:
 * parameters and headers are mutable so they can add theirs. Query and form values are raw (not encoded);
 * the SDK encodes them as UTF-8 when it sends. {@link #toString()} prints names only.
 */
public final class OutgoingRequest {
    private final String operation;
    private final String method;
    private final URI url;
    private final Map<String, String> query;
    private final Map<String, String> form;
    private final Map<String, String> headers;
    private String body;

    public OutgoingRequest(String operation, String method, URI url, Map<String, String> query,
            Map<String, String> form, Map<String, String> headers, String body) {
        this.operation = operation;
        this.method = method;
        this.url = url;
        this.query = new LinkedHashMap<>(query);
        this.form = new LinkedHashMap<>(form);
        this.headers = new LinkedHashMap<>(headers);
        this.body = body;
    }

    /** The operation's name. */
    public String operation() {
        return operation;
    }

    public String method() {
        return method;
    }

    /** The URL without the query parameters of {@link #query()}. */
    public URI url() {
        return url;
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

    /** The raw body, or {@code null} when the request has form parameters or nothing. */
    public String body() {
        return body;
    }

    public void body(String body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return method + " " + url.getPath() + " query" + query.keySet() + " form" + form.keySet()
                + " headers" + headers.keySet();
    }
}
