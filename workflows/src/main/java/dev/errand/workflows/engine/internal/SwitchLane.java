package dev.errand.workflows.engine.internal;

import dev.errand.agent.journal.RunSuspended;

/** The claim continues on another worker lane; the lease stays with this node. */
public final class SwitchLane extends RunSuspended {
    private final String lane;

    public SwitchLane(String lane) {
        super("continue in lane " + lane);
        this.lane = lane;
    }

    public String lane() {
        return lane;
    }
}
