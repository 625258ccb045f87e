package dev.errand.agent.policy;

/**
 * A policy file Errand refuses: the message names the file, the line and the field, e.g.
 * {@code policy.yaml line 14: tenants[0].roles[0].limits[0].without_approval: "5x0" is not an amount}.
 */
public final class PolicyFileException extends Exception {
    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    public PolicyFileException(String file, int line, String field, String problem) {
        super(file + " line " + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem, null, false, false);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the offending node. */
    public int line() {
        return line;
    }

    /** The field's path, e.g. {@code tenants[0].employees[2].api_key_sha256}; empty for the whole file. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
