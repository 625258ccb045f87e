package dev.errand.tools;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.errand.connectors.DataOrigin;

/**
 * The result of a tool call: a record serialized to JSON for the model and the journal, with a
 * markdown rendering for chat replies that need no model.
 */
public interface ToolResult {

    /** Short heading for chat cards, e.g. {@code Order 8812}. */
    @JsonIgnore
    String title();

    /** The result as markdown for a chat thread. */
    @JsonIgnore
    String markdown();

    /** Whether the data came from a demo connector; replies using demo data must say so. */
    DataOrigin origin();

    /** Whether this result is demo data: the agent labels its reply so, knowing nothing of connectors. */
    @JsonIgnore
    default boolean demoData() {
        return origin() == DataOrigin.DEMO;
    }
}
