package dev.errand.agent.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** How a step ended, as the journal records and replays it; every possible outcome is listed here. */
public sealed interface StepOutcome {

    /** The step produced {@code value}. */
    record Succeeded(JsonNode value) implements StepOutcome {
        public Succeeded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The step failed. {@code kind} names the failure for programs ({@code rejected}, {@code unavailable},
     * {@code not_found}...); {@code message} is fit for the employee. A retryable failure is tried again
     * under the step's retry policy before it is recorded as final.
     */
    record Failed(String kind, boolean retryable, String message) implements StepOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
