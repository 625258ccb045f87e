package dev.errand.agent.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A role of a tenant: the tools it may use, the amount limits on them, and whether it administers. */
public record Role(String name, Set<String> tools, List<Limit> limits, boolean admin) {
    public Role {
        Objects.requireNonNull(name, "name");
        tools = Set.copyOf(tools);
        limits = List.copyOf(limits);
    }
}
