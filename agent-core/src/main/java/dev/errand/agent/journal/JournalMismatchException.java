package dev.errand.agent.journal;

/**
 * A replayed run asked for a step that the journal recorded as something else: the code or the plan
 * changed under a running run, or it is not deterministic. The run fails rather than guess.
 */
public final class JournalMismatchException extends RuntimeException {
    private final StepId stepId;
    private final String recordedName;
    private final String attemptedName;

    public JournalMismatchException(StepId stepId, String recordedName, String attemptedName, String what) {
        super("step " + stepId + " was recorded as " + recordedName + " but is now " + attemptedName + " (" + what
                + " differ); check that the run is deterministic");
        this.stepId = stepId;
        this.recordedName = recordedName;
        this.attemptedName = attemptedName;
    }

    public StepId stepId() {
        return stepId;
    }

    public String recordedName() {
        return recordedName;
    }

    public String attemptedName() {
        return attemptedName;
    }
}
