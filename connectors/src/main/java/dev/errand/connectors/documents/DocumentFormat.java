package dev.errand.connectors.documents;

import java.util.Locale;
import java.util.Optional;

/** The formats a document may be published in; each has its wire name (as in {@code "format": "markdown"}). */
public enum DocumentFormat {
    MARKDOWN("markdown"), TEXT("text"), HTML("html"), PDF("pdf"), WORD("word");

    private final String wire;

    DocumentFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DocumentFormat> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (DocumentFormat f : values()) {
            if (f.wire.equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file's name says, e.g. {@code policy.docx}; empty for extensions that are not supported. */
    public static Optional<DocumentFormat> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return Optional.of(MARKDOWN);
        }
        if (lower.endsWith(".txt")) {
            return Optional.of(TEXT);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        if (lower.endsWith(".pdf")) {
            return Optional.of(PDF);
        }
        if (lower.endsWith(".docx") || lower.endsWith(".doc")) {
            return Optional.of(WORD);
        }
        return Optional.empty();
    }
}
