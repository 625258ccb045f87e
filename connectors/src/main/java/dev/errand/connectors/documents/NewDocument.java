package dev.errand.connectors.documents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A document to publish: its title, the source (text or a file's bytes) in a format, and the groups that may read it
 * (none: the whole tenant). {@code sourceField} is what a refusal of the source calls it ({@code content} for JSON,
 * {@code file} for an upload). Checked by {@link DocumentService} before anything is stored.
 */
public record NewDocument(String title, DocumentFormat format, byte[] source, Set<String> groups, String sourceField) {
    public NewDocument {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceField, "sourceField");
        groups = Set.copyOf(groups);
    }

    /** A JSON document: its text in {@code content}. */
    public static NewDocument text(String title, DocumentFormat format, String content, List<String> groups) {
        return new NewDocument(title, format, content.getBytes(StandardCharsets.UTF_8), Set.copyOf(groups), "content");
    }

    /** An uploaded file. */
    public static NewDocument file(String title, DocumentFormat format, byte[] bytes, List<String> groups) {
        return new NewDocument(title, format, bytes, Set.copyOf(groups), "file");
    }
}
