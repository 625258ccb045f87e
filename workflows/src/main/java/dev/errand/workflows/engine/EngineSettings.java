package dev.errand.workflows.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node runs the engine.
 *
 * @param nodeId this node's name in leases; a node restarted under the same id takes its own runs back at
 *     once, others wait for the lease to expire. Must differ between live nodes.
 * @param workers threads of the main lane, which runs claimed runs
 * @param laneWorkers threads of each other lane (e.g. each chat platform's deliveries)
 * @param lease how long a claim holds without renewal; a dead node's runs are taken over after it
 * @param pollInterval how often due runs and timers are looked for when nothing wakes the workers
 * @param maxHeld runs this node holds at once, all lanes together
 */
public record EngineSettings(String nodeId, int workers, int laneWorkers, Duration lease, Duration pollInterval,
        int maxHeld) {
    public EngineSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank() || nodeId.length() > 64) {
            throw new IllegalArgumentException("nodeId must have 1 to 64 characters");
        }
        if (workers < 1 || laneWorkers < 1) {
            throw new IllegalArgumentException("workers and laneWorkers must be at least 1");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least 1s, was " + lease);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (maxHeld < workers) {
            throw new IllegalArgumentException("maxHeld must be at least workers");
        }
    }
}
