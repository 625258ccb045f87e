package dev.errand.agent.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.tools.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A journal kept in memory, for tests, benchmarks and tools run outside a durable run: replays
 * recorded steps like the durable one and retries retryable failures at once, without backoff.
 */
public final class InMemoryStepJournal implements StepJournal {

    /** One recorded step. */
    public record Entry(StepId id, String name, JsonNode input, StepOutcome outcome, int attempts) {
    }

    private final Map<StepId, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized StepOutcome step(StepId id, String name, JsonNode input, RetryPolicy retry,
            Supplier<StepOutcome> action) {
        Entry recorded = entries.get(id);
        if (recorded != null) {
            if (!recorded.name().equals(name)) {
                throw new JournalMismatchException(id, recorded.name(), name, "names");
            }
            if (!recorded.input().equals(input)) {
                throw new JournalMismatchException(id, recorded.name(), name, "inputs");
            }
            return recorded.outcome();
        }
        int attempt = 0;
        StepOutcome outcome;
        do {
            attempt++;
            outcome = action.get();
        } while (outcome instanceof StepOutcome.Failed failed && failed.retryable() && attempt < retry.maxAttempts());
        entries.put(id, new Entry(id, name, input, outcome, attempt));
        return outcome;
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}
