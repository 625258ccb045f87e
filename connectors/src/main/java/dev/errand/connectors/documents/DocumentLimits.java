package dev.errand.connectors.documents;

/** The limits every document and query is held to; refusals name the field and the limit. */
public final class DocumentLimits {
    /** An uploaded file, or a JSON {@code content}, in bytes (UTF-8). */
    public static final int MAX_SOURCE_BYTES = 2 * 1024 * 1024;
    /** Chunks of one document. */
    public static final int MAX_CHUNKS = 5_000;
    public static final int MAX_TITLE_CHARS = 300;
    public static final int MAX_GROUPS = 50;
    /** A search query; longer ones are refused rather than silently cut. */
    public static final int MAX_QUERY_CHARS = 2_000;
    public static final int MAX_K = 50;

    private DocumentLimits() {
    }
}
