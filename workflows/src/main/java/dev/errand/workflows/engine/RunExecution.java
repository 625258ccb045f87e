package dev.errand.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepJournal;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.tools.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One claim of a run, as its handler sees it: the run's input, its journal and the ways to wait.
 * Steps already recorded are replayed; waiting parks the run in the database and ends this claim
 * (by throwing {@link dev.errand.agent.journal.RunSuspended}, which the handler must let pass).
 */
public interface RunExecution extends StepJournal {

    UUID runId();

    String kind();

    JsonNode input();

    /** How many times the run has been claimed, this claim included. */
    int attempt();

    /** The engine's clock: handlers take time from here, never from the system. */
    Instant now();

    /** As {@link #step(StepId, String, JsonNode, RetryPolicy, Supplier)}, with work committed with the record. */
    StepOutcome step(StepId id, String name, JsonNode input, RetryPolicy retry, Supplier<StepOutcome> action,
            StepHook onRecord);

    /**
     * Waits for signal {@code name} (see {@link Engine#signal}) at most {@code timeout}: the payload, or
     * empty when the timeout passed first. The deadline is fixed the first time the step runs.
     */
    Optional<JsonNode> awaitSignal(StepId id, String name, Duration timeout);

    /** A durable timer: the run parks and resumes once {@code duration} (fixed at first run) has passed. */
    void sleep(StepId id, Duration duration);

    /**
     * Continues the rest of this claim on worker lane {@code lane} (e.g. a chat platform's delivery
     * lane), so slow work there does not hold the main workers. Returns at once when already there.
     */
    void continueIn(String lane);

    /** The lane this claim runs on. */
    String lane();
}
