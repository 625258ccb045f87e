package dev.errand.bot.identity;

import dev.errand.agent.policy.Principal;
import jakarta.enterprise.context.RequestScoped;

/** The employee an {@code /api/*} request acts as, set from its API key before the resource runs. */
@RequestScoped
public class Caller {
    private Principal principal;

    /** The authenticated employee; {@code /api/*} resources are never reached without one. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return principal;
    }

    public void set(Principal principal) {
        this.principal = principal;
    }
}
