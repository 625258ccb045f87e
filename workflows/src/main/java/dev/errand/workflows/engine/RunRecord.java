package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A run as stored: what the admin sees of it. */
public record RunRecord(UUID id, String kind, RunStatus status, JsonNode input, JsonNode output, String error,
        int attempts, Instant dueAt, Instant createdAt, Instant updatedAt) {
}
