package dev.errand.connectors.documents;

import java.util.UUID;

/** What publishing or replacing answered: the document, its new version and how many chunks it has now. */
public record Ingested(UUID id, int version, int chunks) {
}
