package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** How a run ended, as its handler returns it; every possible end is listed here. */
public sealed interface RunResult {

    /** What commits with the run's end. */
    TransactionHook hook();

    /** The run did its work; {@code output} is stored on the run. */
    record Completed(JsonNode output, TransactionHook hook) implements RunResult {
        public Completed {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(hook, "hook");
        }
    }

    /** The run could not do its work; {@code error} says why, for the admin. */
    record Failed(String error, JsonNode output, TransactionHook hook) implements RunResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(hook, "hook");
        }
    }
}
