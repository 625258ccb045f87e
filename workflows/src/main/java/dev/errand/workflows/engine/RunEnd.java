package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** How a run ended, for a caller waiting on it in the same process. */
public record RunEnd(UUID runId, RunStatus status, JsonNode output, String error) {
}
