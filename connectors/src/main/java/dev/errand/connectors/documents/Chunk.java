package dev.errand.connectors.documents;

import java.util.List;
import java.util.Objects;

/**
 * One passage of a document: its position (0, 1, ...) in the document, the headings above it (outermost first)
 * and its text.
 */
public record Chunk(int position, List<String> headingPath, String text) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
        Objects.requireNonNull(text, "text");
    }

    /** The headings as one line, {@code Refunds > Damaged goods}; empty when there is none. */
    public String heading() {
        return String.join(" > ", headingPath);
    }
}
