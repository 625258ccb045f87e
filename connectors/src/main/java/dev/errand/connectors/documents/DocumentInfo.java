package dev.errand.connectors.documents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored document without its text: for lists. {@code groups} sorted; empty when the whole tenant reads it. */
public record DocumentInfo(UUID id, String tenant, String title, DocumentFormat format, List<String> groups,
        int version, int chunks, String publishedBy, Instant updatedAt) {
}
