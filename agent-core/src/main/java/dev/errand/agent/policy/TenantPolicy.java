package dev.errand.agent.policy;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant of the policy file: the chat workspaces that belong to it ({@code dingtalk:<corpId>},
 * {@code slack:<teamId>}, or {@code dingtalk:*} for any DingTalk corp), the role its unmapped chat users get (empty:
 * they are refused), its monthly token budget, the zone whose day daily totals count, its roles and its employees.
 */
public record TenantPolicy(String id, List<String> chatWorkspaces, Optional<String> unmappedRole,
        Optional<Long> tokenBudgetPerMonth, ZoneId zone, Map<String, Role> roles, Map<String, EmployeeEntry> employees) {
    /** The chat platforms a chat id or workspace may name. */
    public static final Set<String> PLATFORMS = Set.of("dingtalk", "slack");

    public TenantPolicy {
        Objects.requireNonNull(id, "id");
        chatWorkspaces = List.copyOf(chatWorkspaces);
        Objects.requireNonNull(unmappedRole, "unmappedRole");
        Objects.requireNonNull(tokenBudgetPerMonth, "tokenBudgetPerMonth");
        Objects.requireNonNull(zone, "zone");
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        employees = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(employees));
    }

    /** Whether {@code platform:workspace} is listed exactly (not through a wildcard). */
    public boolean ownsExactly(String platform, String workspace) {
        return workspace != null && chatWorkspaces.contains(platform + ":" + workspace);
    }

    /** Whether the tenant takes any workspace of {@code platform} ({@code platform:*}). */
    public boolean ownsAll(String platform) {
        return chatWorkspaces.contains(platform + ":*");
    }

    /** The listed employee with this chat id ({@code platform:user}). */
    public Optional<EmployeeEntry> employeeWithChatId(String chatId) {
        return employees.values().stream().filter(e -> e.chatIds().contains(chatId)).findFirst();
    }

    /**
     * The employee as the policy knows them: a listed employee by id; a chat id ({@code platform:user}) of a listed
     * employee; another chat id with the tenant's unmapped-user role; otherwise empty (refused).
     */
    public Optional<Principal> principal(String employeeId) {
        if (employeeId == null) {
            return Optional.empty();
        }
        EmployeeEntry listed = employees.get(employeeId);
        if (listed == null && isChatId(employeeId)) {
            listed = employeeWithChatId(employeeId).orElse(null);
            if (listed == null) {
                return unmappedRole.map(role -> new Principal(id, employeeId, List.of(roles.get(role)), Set.of(),
                        zone));
            }
        }
        if (listed == null) {
            return Optional.empty();
        }
        return Optional.of(principalOf(listed));
    }

    Principal principalOf(EmployeeEntry employee) {
        return new Principal(id, employee.id(), employee.roles().stream().map(roles::get).toList(), employee.groups(),
                zone);
    }

    /** {@code dingtalk:manager4711}: a known platform, a colon, and a user id. */
    public static boolean isChatId(String value) {
        int colon = value.indexOf(':');
        return colon > 0 && colon < value.length() - 1 && PLATFORMS.contains(value.substring(0, colon));
    }
}
