package dev.errand.bot.chat;

/**
 * A chat message field breaks a length or shape limit of {@link ChatMessage}; the message names the field and
 * is safe to return to the caller (it never echoes the value).
 */
public class InvalidMessageException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    /** @param problem what is wrong, phrased to follow the field's name, e.g. "is longer than 128 characters" */
    public InvalidMessageException(String field, String problem) {
        super("field '" + field + "' " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
