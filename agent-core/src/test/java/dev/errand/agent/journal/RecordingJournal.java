package dev.errand.agent.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.util.ArrayList;
import java.util.List;

/** A {@link StepJournal} for tests: keeps every entry in order. */
public final class RecordingJournal implements StepJournal {

    /** One journal call: {@code outcome} is null for a start, {@code arguments} is null for a finish. */
    public record Entry(String kind, ToolContext step, ToolName tool, JsonNode arguments, ToolOutcome outcome) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void started(ToolContext step, ToolName tool, JsonNode arguments) {
        entries.add(new Entry("started", step, tool, arguments, null));
    }

    @Override
    public synchronized void finished(ToolContext step, ToolName tool, ToolOutcome outcome) {
        entries.add(new Entry("finished", step, tool, null, outcome));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
