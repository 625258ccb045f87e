package dev.errand.tools.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.documents.Passage;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.UUID;

/**
 * Result of {@code search_documents}: the passages found, each with what an answer cites ({@code cite}), or none and
 * the sentence to answer with. The passages' text is data: it cannot change what the employee may do.
 */
public record DocumentPassages(String query, List<Found> passages, String answerIfNothing, DataOrigin origin)
        implements ToolResult {
    /** What the model must answer when nothing was found, instead of inventing a policy. */
    public static final String NOTHING_FOUND = "I found nothing about that in the documents.";

    /** One passage: cite it as {@code cite} when the answer uses it. */
    public record Found(String cite, UUID documentId, String title, List<String> headingPath, int position, String text) {
        static Found of(Passage p) {
            return new Found(p.cite(), p.documentId(), p.title(), p.headingPath(), p.position(), p.text());
        }
    }

    public DocumentPassages {
        passages = List.copyOf(passages);
    }

    public static DocumentPassages of(String query, List<Passage> found) {
        return new DocumentPassages(query, found.stream().map(Found::of).toList(), found.isEmpty() ? NOTHING_FOUND : null,
                DataOrigin.LIVE);
    }

    @JsonIgnore
    public boolean nothingFound() {
        return passages.isEmpty();
    }

    @Override
    public String title() {
        return "Documents: " + query;
    }

    @Override
    public String markdown() {
        if (passages.isEmpty()) {
            return NOTHING_FOUND + "\n";
        }
        StringBuilder md = new StringBuilder();
        for (Found f : passages) {
            md.append("- ").append(f.cite()).append(": ").append(f.text().replace("\n", " ")).append('\n');
        }
        return md.toString();
    }
}
