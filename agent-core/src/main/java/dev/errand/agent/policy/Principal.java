package dev.errand.agent.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: an employee of one tenant with their roles, as identity resolved them (from an API key
 * or a mapped chat id), never from the model or the message text. {@code employeeId} is the policy
 * file's id, or {@code platform:user} for an unmapped chat user given the tenant's default role.
 */
public record Principal(String tenant, String employeeId, List<Role> roles, Set<String> groups, ZoneId zone) {
    public Principal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(employeeId, "employeeId");
        roles = List.copyOf(roles);
        groups = Set.copyOf(groups);
        Objects.requireNonNull(zone, "zone");
    }

    /** True when one of the roles is marked {@code admin: true}: reads all runs of the tenant. */
    public boolean admin() {
        return roles.stream().anyMatch(Role::admin);
    }

    /** True when one of the roles lists {@code tool}. */
    public boolean mayUse(String tool) {
        return roles.stream().anyMatch(r -> r.tools().contains(tool));
    }

    public boolean hasRole(String role) {
        return roles.stream().anyMatch(r -> r.name().equals(role));
    }
}
