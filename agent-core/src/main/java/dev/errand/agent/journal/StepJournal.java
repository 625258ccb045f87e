package dev.errand.agent.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.tools.RetryPolicy;
import java.util.function.Supplier;

/**
 * The journal of one run: every step runs through {@link #step}, which runs it at most once to a
 * final outcome. A step already recorded is replayed (its outcome returned, the action not run); a
 * recorded step whose name or input differ raises {@link JournalMismatchException}. The durable journal
 * lives in {@code workflows/}; agent code knows only this interface.
 */
public interface StepJournal {

    /**
     * Runs {@code action} as step {@code id}, or replays it.
     *
     * @param name what the step does (a tool's name, {@code model}); compared on replay
     * @param input the step's input; compared on replay
     * @throws RunSuspended when the run must wait (a retry's backoff, a signal); let it pass
     */
    StepOutcome step(StepId id, String name, JsonNode input, RetryPolicy retry, Supplier<StepOutcome> action);
}
