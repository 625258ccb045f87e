package dev.errand.bot.identity;

import dev.errand.agent.policy.Principal;
import java.util.Optional;

/** The policy in force (reloaded when its file changes): resolves an employee of a tenant. */
public interface Policies {

    /**
     * The employee as the current policy knows them: a listed employee, or an unmapped chat user
     * ({@code platform:user}) with the tenant's default role; empty when the tenant refuses them.
     */
    Optional<Principal> principal(String tenant, String employeeId);

    /** The tenant's monthly token budget, when set. */
    Optional<Long> tokenBudgetPerMonth(String tenant);
}
