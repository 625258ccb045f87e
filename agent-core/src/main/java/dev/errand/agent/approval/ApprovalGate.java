package dev.errand.agent.approval;

import dev.errand.agent.journal.StepId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Asks a human to approve and waits for the answer without holding a thread. The durable gate lives in
 * {@code workflows/}: it records the approval with the run, parks the run and resumes it on the decision
 * or when the approval expires.
 */
public interface ApprovalGate {

    /** A gate for runs that cannot wait: every request is refused at once as expired. */
    ApprovalGate UNAVAILABLE = (id, request) -> new ApprovalDecision.Expired(
            UUID.nameUUIDFromBytes(id.value().getBytes(StandardCharsets.UTF_8)), Instant.EPOCH);

    /**
     * Requests approval as step {@code id} (once, however often the run is replayed) and returns the decision.
     *
     * @throws dev.errand.agent.journal.RunSuspended while nobody has decided; let it pass
     */
    ApprovalDecision await(StepId id, ApprovalRequest request);
}
