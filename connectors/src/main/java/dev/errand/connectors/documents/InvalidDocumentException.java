package dev.errand.connectors.documents;

/**
 * A document or query was refused: empty, too large, an unsupported or broken file, a bad field. {@link #field()}
 * names what was wrong; never retryable. Nothing already stored was changed.
 */
public final class InvalidDocumentException extends DocumentException {
    private final String field;

    public InvalidDocumentException(String field, String problem) {
        this(field, problem, null);
    }

    public InvalidDocumentException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, false, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
