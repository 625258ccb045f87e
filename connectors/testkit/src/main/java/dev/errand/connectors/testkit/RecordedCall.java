package dev.errand.connectors.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the connector sent to the fake system, decoded: query and form parameters URL-decoded as
 * UTF-8, header names in lower case.
 *
 * @param method the HTTP method
 * @param path the URL path, without the query
 * @param query the query parameters, in order
 * @param form the form parameters of an {@code application/x-www-form-urlencoded} body, in order
 * @param headers the request headers, names in lower case
 * @param body the raw body
 */
public record RecordedCall(String method, String path, Map<String, String> query, Map<String, String> form,
        Map<String, List<String>> headers, String body) {

    /** A parameter from the query or, failing that, the form. */
    public Optional<String> param(String name) {
        String value = query.get(name);
        return Optional.ofNullable(value != null ? value : form.get(name));
    }

    /** Query and form parameters together, as signers see them. */
    public Map<String, String> params() {
        Map<String, String> all = new java.util.LinkedHashMap<>(query);
        all.putAll(form);
        return all;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
