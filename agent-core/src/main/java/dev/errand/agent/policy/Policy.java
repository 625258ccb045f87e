package dev.errand.agent.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy in force: tenants with their roles and employees, as read from the policy file (or the built-in demo
 * policy). Immutable; a reload builds a new one. Resolves who is asking from an API key's hash or a chat sender; the
 * tenant always comes from here, never from a message.
 */
public final class Policy {
    private final Map<String, TenantPolicy> tenants;
    private final Map<String, Principal> byKeyHash = new LinkedHashMap<>();

    public Policy(List<TenantPolicy> tenants) {
        Map<String, TenantPolicy> byId = new LinkedHashMap<>();
        for (TenantPolicy tenant : tenants) {
            if (byId.put(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("duplicate tenant " + tenant.id());
            }
            for (EmployeeEntry employee : tenant.employees().values()) {
                employee.apiKeySha256().ifPresent(hash -> {
                    if (byKeyHash.put(hash, tenant.principalOf(employee)) != null) {
                        throw new IllegalArgumentException("two employees share an api_key_sha256");
                    }
                });
            }
        }
        this.tenants = java.util.Collections.unmodifiableMap(byId);
    }

    public List<TenantPolicy> tenants() {
        return List.copyOf(tenants.values());
    }

    public Optional<TenantPolicy> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /** The employee whose API key hashes (SHA-256, lower-case hex) to {@code sha256Hex}. */
    public Optional<Principal> byApiKeySha256(String sha256Hex) {
        return Optional.ofNullable(byKeyHash.get(sha256Hex));
    }

    /** See {@link TenantPolicy#principal(String)}; empty for an unknown tenant. */
    public Optional<Principal> principal(String tenant, String employeeId) {
        return tenant(tenant).flatMap(t -> t.principal(employeeId));
    }

    /**
     * The tenant a chat workspace belongs to: the one listing {@code platform:workspace}, else the one listing
     * {@code platform:*}. {@code workspace} may be null when the platform did not say (then only a wildcard matches).
     */
    public Optional<TenantPolicy> tenantOfWorkspace(String platform, String workspace) {
        Optional<TenantPolicy> exact = tenants.values().stream().filter(t -> t.ownsExactly(platform, workspace))
                .findFirst();
        return exact.isPresent() ? exact : tenants.values().stream().filter(t -> t.ownsAll(platform)).findFirst();
    }

    /**
     * The employee a chat sender is: the workspace's tenant, then the listed employee with chat id
     * {@code platform:user}, else the tenant's unmapped-user role under the id {@code platform:user}; empty when the
     * workspace belongs to no tenant or the tenant refuses unmapped users.
     */
    public Optional<Principal> chatSender(String platform, String workspace, String user) {
        return tenantOfWorkspace(platform, workspace).flatMap(t -> t.principal(platform + ":" + user));
    }
}
