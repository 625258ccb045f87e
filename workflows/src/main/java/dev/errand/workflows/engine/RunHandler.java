package dev.errand.workflows.engine;

/**
 * Runs one kind of run. Called again from the start every time the run is claimed or resumed, so it
 * must be deterministic: everything that touches the world goes through a step of the
 * {@link RunExecution}, which replays recorded steps instead of repeating them.
 */
public interface RunHandler {

    /** The kind of run this handler runs, as given in {@link NewRun#kind()}. */
    String kind();

    /**
     * Runs (or replays) the run to its end.
     *
     * @throws dev.errand.agent.journal.RunSuspended when the run parks; the engine handles it
     */
    RunResult run(RunExecution execution);
}
