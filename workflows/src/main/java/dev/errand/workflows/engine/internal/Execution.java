package dev.errand.workflows.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.journal.JournalMismatchException;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.tools.RetryPolicy;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.RunExecution;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.StepHook;
import dev.errand.workflows.engine.StepRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One claim of a run: replays recorded steps from memory (loaded with the claim) and records new ones,
 * each in one transaction with the run's advance (its lease renewed and checked).
 */
public final class Execution implements RunExecution {
    private final UUID runId;
    private final String kind;
    private final JsonNode input;
    private final int attempt;
    private final Map<String, StepRecord> recorded;
    private final Database database;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private volatile String lane;

    public Execution(UUID runId, String kind, JsonNode input, int attempt, Map<String, StepRecord> recorded,
            Database database, Clock clock, String owner, Duration lease, String lane) {
        this.runId = runId;
        this.kind = kind;
        this.input = input;
        this.attempt = attempt;
        this.recorded = new ConcurrentHashMap<>(recorded);
        this.database = database;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.lane = lane;
    }

    @Override
    public UUID runId() {
        return runId;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public JsonNode input() {
        return input;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public String lane() {
        return lane;
    }

    void movedTo(String lane) {
        this.lane = lane;
    }

    String owner() {
        return owner;
    }

    @Override
    public StepOutcome step(StepId id, String name, JsonNode input, RetryPolicy retry, Supplier<StepOutcome> action) {
        return step(id, name, input, retry, action, StepHook.NONE);
    }

    @Override
    public StepOutcome step(StepId id, String name, JsonNode input, RetryPolicy retry, Supplier<StepOutcome> action,
            StepHook onRecord) {
        StepRecord previous = recorded.get(id.value());
        if (previous != null) {
            checkSame(id, previous, name, input);
            if (previous.isFinal()) {
                return outcomeOf(previous);
            }
        }
        Instant started = previous == null ? now() : previous.startedAt();
        int attempts = (previous == null ? 0 : previous.attempts()) + 1;
        StepOutcome outcome = action.get();
        Instant finished = now();
        if (outcome instanceof StepOutcome.Failed failed && failed.retryable() && attempts < retry.maxAttempts()) {
            Instant due = finished.plus(jitter(retry.backoffAfter(attempts)));
            StepRecord retrying = new StepRecord(runId, id.value(), name, input, StepRecord.RETRYING, null,
                    failed.kind(), failed.message(), true, attempts, started, finished);
            database.transaction(c -> {
                RunStore.park(c, runId, owner, attempt, RunStatus.PENDING, due, finished);
                RunStore.writeStep(c, retrying, previous == null ? null : previous.attempts());
                return null;
            });
            recorded.put(id.value(), retrying);
            throw new Parked("step " + id + " failed (attempt " + attempts + "), retry due at " + due);
        }
        StepRecord done = finalRecord(id, name, input, outcome, attempts, started, finished);
        database.transaction(c -> {
            RunStore.advance(c, runId, owner, attempt, finished, finished.plus(lease));
            RunStore.writeStep(c, done, previous == null ? null : previous.attempts());
            onRecord.apply(c, outcome);
            return null;
        });
        recorded.put(id.value(), done);
        return outcome;
    }

    @Override
    public Optional<JsonNode> awaitSignal(StepId id, String name, Duration timeout) {
        String stepName = name == null ? "timer" : "signal:" + name;
        StepRecord previous = recorded.get(id.value());
        Instant deadline;
        ObjectNode stepInput;
        if (previous != null) {
            if (!previous.name().equals(stepName)) {
                throw new JournalMismatchException(id, previous.name(), stepName, "names");
            }
            if (previous.isFinal()) {
                // a timer's record has no payload ({"timedOut": false}): Optional.of(null) threw on its replay
                JsonNode output = previous.output();
                return output.has("payload") ? Optional.of(output.get("payload")) : Optional.empty();
            }
            stepInput = (ObjectNode) previous.input();
            deadline = Instant.parse(stepInput.get("deadline").asText());
        } else {
            deadline = now().plus(timeout);
            stepInput = JsonNodeFactory.instance.objectNode().put("deadline", deadline.toString());
        }
        Instant now = now();
        Optional<JsonNode> payload = database.transaction(c -> {
            RunStore.advance(c, runId, owner, attempt, now, now.plus(lease));
            Optional<JsonNode> signal = name == null ? Optional.empty() : RunStore.consumeSignal(c, runId, name, id.value());
            boolean due = !now.isBefore(deadline);
            if (signal.isEmpty() && !due) {
                if (previous == null) {
                    RunStore.writeStep(c, new StepRecord(runId, id.value(), stepName, stepInput, StepRecord.WAITING, null,
                            null, null, false, 1, now, null), null);
                }
                RunStore.park(c, runId, owner, attempt, name == null ? RunStatus.PENDING : RunStatus.WAITING, deadline, now);
                return null;
            }
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            if (signal.isPresent()) {
                output.set("payload", signal.get());
            } else {
                output.put("timedOut", name != null);
            }
            StepRecord done = new StepRecord(runId, id.value(), stepName, stepInput, StepRecord.SUCCEEDED, output, null,
                    null, false, 1, previous == null ? now : previous.startedAt(), now);
            RunStore.writeStep(c, done, previous == null ? null : previous.attempts());
            recorded.put(id.value(), done);
            return signal;
        });
        if (payload == null) {
            if (previous == null) {
                recorded.put(id.value(), new StepRecord(runId, id.value(), stepName, stepInput, StepRecord.WAITING,
                        null, null, null, false, 1, now, null));
            }
            throw new Parked("step " + id + " waits " + (name == null ? "until " : "for " + name + " until ") + deadline);
        }
        return payload;
    }

    @Override
    public void sleep(StepId id, Duration duration) {
        awaitSignal(id, null, duration);
    }

    @Override
    public void continueIn(String lane) {
        if (!lane.equals(this.lane)) {
            throw new SwitchLane(lane);
        }
    }

    private static void checkSame(StepId id, StepRecord previous, String name, JsonNode input) {
        if (!previous.name().equals(name)) {
            throw new JournalMismatchException(id, previous.name(), name, "names");
        }
        if (!asStored(previous.input()).equals(asStored(input))) {
            throw new JournalMismatchException(id, previous.name(), name, "inputs");
        }
    }

    /**
     * The input as it reads back from the database: a recorded input went through JSON text, so a decimal
     * 10.00 came back as the double 10.0 and never matched its own replay by text. Compare both sides after
     * the same round trip (object field order does not matter either).
     */
    private static JsonNode asStored(JsonNode json) {
        return RunStore.parse(json.toString());
    }

    private StepRecord finalRecord(StepId id, String name, JsonNode input, StepOutcome outcome, int attempts,
            Instant started, Instant finished) {
        if (outcome instanceof StepOutcome.Succeeded succeeded) {
            return new StepRecord(runId, id.value(), name, input, StepRecord.SUCCEEDED, succeeded.value(), null, null,
                    false, attempts, started, finished);
        }
        if (outcome instanceof StepOutcome.Failed failed) {
            return new StepRecord(runId, id.value(), name, input, StepRecord.FAILED, null, failed.kind(),
                    failed.message(), failed.retryable(), attempts, started, finished);
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    static StepOutcome outcomeOf(StepRecord step) {
        if (StepRecord.SUCCEEDED.equals(step.status())) {
            return new StepOutcome.Succeeded(step.output());
        }
        return new StepOutcome.Failed(step.errorKind(), step.retryable(), step.error());
    }

    /** 75-100 % of the backoff, so retries of many runs that failed together do not stampede. */
    private static Duration jitter(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 4 + 1));
    }
}
