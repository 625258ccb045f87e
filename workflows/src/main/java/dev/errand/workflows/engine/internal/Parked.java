package dev.errand.workflows.engine.internal;

import dev.errand.agent.journal.RunSuspended;

/** The run is parked in the database already (its lease released): this claim ends here. */
public final class Parked extends RunSuspended {
    public Parked(String reason) {
        super(reason);
    }
}
