package dev.errand.connectors.documents;

import java.util.List;
import java.util.UUID;

/**
 * A search hit: the chunk, where it sits (document, title, headings, position) and its fused score. {@link #cite()}
 * is the citation answers carry, {@code [title § heading]}.
 */
public record Passage(UUID documentId, String title, List<String> headingPath, int position, double score,
        String text) {
    public Passage {
        headingPath = List.copyOf(headingPath);
    }

    public String cite() {
        return headingPath.isEmpty() ? "[" + title + "]" : "[" + title + " § " + String.join(" > ", headingPath) + "]";
    }
}
