package dev.errand.agent.run;

import java.util.Optional;

/** Whether the tenant may still spend model tokens; asked before each new model call, never on replay. */
@FunctionalInterface
public interface TokenBudget {
    TokenBudget UNLIMITED = Optional::empty;

    /** Empty while tokens are left; otherwise a sentence for the employee saying which budget is used up. */
    Optional<String> exhausted();
}
