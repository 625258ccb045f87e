package dev.errand.agent.policy;

import dev.errand.money.Money;
import java.util.Optional;

/** One step of a plan as policy sees it: its id, its tool and the money it moves, if any. */
public record PlannedCall(String stepId, String tool, Optional<Money> amount) {
}
