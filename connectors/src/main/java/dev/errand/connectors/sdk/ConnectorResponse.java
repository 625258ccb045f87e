package dev.errand.connectors.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.ConnectorUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer with a status below 500 (and not 408 or 429), as a {@link ResponseReader} gets it.
 *
 * @param connector the connector's name, for messages
 * @param operation the operation's name, for messages
 * @param status the HTTP status
 * @param headers response headers, names in lower case
 * @param body the body decoded as UTF-8 (empty when there was none)
 */
public record ConnectorResponse(String connector, String operation, int status, Map<String, List<String>> headers,
        String body) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON tree; a body that is not JSON (an HTML page, garbage) means the system is unavailable. */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw notTheFormat("an empty body", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw notTheFormat("a body that is not JSON", e);
        }
    }

    /** The body bound to {@code type} (unknown properties ignored); a body that does not fit means unavailable. */
    public <T> T json(Class<T> type) {
        try {
            T value = JSON.treeToValue(json(), type);
            if (value == null) {
                throw notTheFormat("null", null);
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw notTheFormat("JSON of another shape", e);
        }
    }

    /** The failure to throw when the answer is not what the system sends. */
    public ConnectorUnavailableException notTheFormat(String what, Throwable cause) {
        return new ConnectorUnavailableException(connector + " answered " + operation + " with HTTP " + status
                + " and " + what, cause);
    }
}
