package dev.errand.workflows.engine;

/** Where a run stands in the queue. */
public enum RunStatus {
    /** Due at {@code due_at}: any worker may claim it then. */
    PENDING,
    /** Leased by a worker until {@code lease_until}; claimable again once the lease expires. */
    RUNNING,
    /** Parked until a signal arrives or, if set, {@code due_at} passes. */
    WAITING,
    /** Finished with an output. */
    SUCCEEDED,
    /** Finished with an error. */
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
