package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * A run to start.
 *
 * @param kind which {@link RunHandler} runs it
 * @param orderingKey runs with the same key run one at a time in the order they were started (a chat
 *     conversation); use the run id for runs with no order to keep
 * @param input what the handler reads; stored as JSON
 */
public record NewRun(UUID id, String kind, String orderingKey, JsonNode input) {
    public static final int MAX_ORDERING_KEY = 512;

    public NewRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderingKey, "orderingKey");
        Objects.requireNonNull(input, "input");
        if (orderingKey.length() > MAX_ORDERING_KEY) {
            throw new IllegalArgumentException("orderingKey is longer than " + MAX_ORDERING_KEY + " characters");
        }
    }
}
