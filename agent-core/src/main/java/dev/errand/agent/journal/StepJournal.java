package dev.errand.agent.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;

/**
 * Records every tool call of a run, keyed by (run, step): its input before it runs and its outcome
 * after. The application stores it in the database; resumption after a crash builds on it.
 */
public interface StepJournal {

    /** Records that a step is about to run. */
    void started(ToolContext step, ToolName tool, JsonNode arguments);

    /** Records how a step ended. */
    void finished(ToolContext step, ToolName tool, ToolOutcome outcome);

    /** A journal that keeps nothing, for tests and tools run outside a run. */
    StepJournal NONE = new StepJournal() {
        @Override
        public void started(ToolContext step, ToolName tool, JsonNode arguments) {
        }

        @Override
        public void finished(ToolContext step, ToolName tool, ToolOutcome outcome) {
        }
    };
}
