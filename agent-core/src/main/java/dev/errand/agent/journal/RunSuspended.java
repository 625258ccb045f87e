package dev.errand.agent.journal;

/**
 * Control flow, not an error: the run must stop here and wait (a retry's backoff, a signal, a timer,
 * another worker lane). The engine parks it in the database and replays it when it is due. Code between
 * the journal and the engine must let it pass: never catch it as an ordinary failure.
 */
public abstract class RunSuspended extends RuntimeException {

    protected RunSuspended(String reason) {
        super(reason, null, false, false);
    }
}
