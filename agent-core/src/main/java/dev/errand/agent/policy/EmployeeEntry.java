package dev.errand.agent.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An employee as the policy file lists them: their roles (names of the tenant's roles), the chat ids that are them
 * ({@code platform:user}), the SHA-256 (lower-case hex) of their API key if they have one, and their groups.
 */
public record EmployeeEntry(String id, List<String> roles, List<String> chatIds, Optional<String> apiKeySha256,
        Set<String> groups) {
    public EmployeeEntry {
        Objects.requireNonNull(id, "id");
        roles = List.copyOf(roles);
        chatIds = List.copyOf(chatIds);
        Objects.requireNonNull(apiKeySha256, "apiKeySha256");
        groups = Set.copyOf(groups);
    }
}
