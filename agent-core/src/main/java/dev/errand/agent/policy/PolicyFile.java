package dev.errand.agent.policy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the policy file ({@code ERRAND_POLICY_FILE}) into a {@link Policy}. The YAML is composed into nodes that keep
 * their positions, so every refusal names the line and the field; unknown fields, unknown roles, bad amounts and
 * currencies, and duplicate ids, chat ids, workspaces or key hashes are refused. Amounts are quoted strings with at
 * most two decimals, so no amount ever passes through a binary floating-point number.
 */
public final class PolicyFile {
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Pattern CHAT_PART = Pattern.compile("[A-Za-z0-9._@$+=-]{1,120}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final String REFUSE = "refuse";

    private final String file;

    private PolicyFile(String file) {
        this.file = file;
    }

    /**
     * Parses and validates {@code yaml}; {@code fileName} is what error messages call the file.
     *
     * @throws PolicyFileException naming the line and the field of the first problem
     */
    public static Policy parse(String yaml, String fileName) throws PolicyFileException {
        return new PolicyFile(fileName).read(yaml);
    }

    private Policy read(String yaml) throws PolicyFileException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(4 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new PolicyFileException(file, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyFileException(file, 1, "", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new PolicyFileException(file, 1, "tenants", "is missing (the file is empty)");
        }
        Map<String, NodeTuple> top = fields(root, "", Set.of("tenants"));
        SequenceNode tenantNodes = sequence(required(top, root, "", "tenants"), "tenants");
        if (tenantNodes.getValue().isEmpty()) {
            throw error(tenantNodes, "tenants", "lists no tenant");
        }
        List<TenantPolicy> tenants = new ArrayList<>();
        Map<String, String> tenantIds = new HashMap<>();
        Map<String, String> workspaces = new HashMap<>();
        Map<String, String> keyHashes = new HashMap<>();
        for (int i = 0; i < tenantNodes.getValue().size(); i++) {
            TenantPolicy tenant = tenant(tenantNodes.getValue().get(i), "tenants[" + i + "]", workspaces, keyHashes);
            Node idNode = fields(tenantNodes.getValue().get(i), "", Set.of()).get("id").getValueNode();
            String previous = tenantIds.put(tenant.id(), "tenants[" + i + "]");
            if (previous != null) {
                throw error(idNode, "tenants[" + i + "].id", "\"" + tenant.id() + "\" is already the id of " + previous);
            }
            tenants.add(tenant);
        }
        return new Policy(tenants);
    }

    private TenantPolicy tenant(Node node, String path, Map<String, String> workspaces, Map<String, String> keyHashes)
            throws PolicyFileException {
        Map<String, NodeTuple> f = fields(node, path, Set.of("id", "chat_workspaces", "unmapped_users",
                "token_budget_per_month", "timezone", "roles", "employees"));
        String id = string(required(f, node, path, "id"), path + ".id");
        if (!TENANT_ID.matcher(id).matches()) {
            throw error(f.get("id").getValueNode(), path + ".id",
                    quote(id) + " is not a tenant id (lower-case letters, digits, '.', '_', '-'; at most 64)");
        }
        List<String> chatWorkspaces = new ArrayList<>();
        if (f.containsKey("chat_workspaces")) {
            SequenceNode list = sequence(f.get("chat_workspaces").getValueNode(), path + ".chat_workspaces");
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                String where = path + ".chat_workspaces[" + i + "]";
                String workspace = string(item, where);
                int colon = workspace.indexOf(':');
                String platform = colon < 0 ? "" : workspace.substring(0, colon);
                String rest = colon < 0 ? "" : workspace.substring(colon + 1);
                if (!TenantPolicy.PLATFORMS.contains(platform)
                        || !(rest.equals("*") || CHAT_PART.matcher(rest).matches())) {
                    throw error(item, where, quote(workspace)
                            + " is not a chat workspace (dingtalk:<corpId>, slack:<teamId>, or dingtalk:* for any)");
                }
                String previous = workspaces.put(workspace, path);
                if (previous != null) {
                    throw error(item, where, quote(workspace) + " already belongs to "
                            + (previous.equals(path) ? "this tenant" : previous));
                }
                chatWorkspaces.add(workspace);
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (f.containsKey("timezone")) {
            Node zoneNode = f.get("timezone").getValueNode();
            String name = string(zoneNode, path + ".timezone");
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                throw error(zoneNode, path + ".timezone", quote(name) + " is not a time zone (e.g. Asia/Shanghai)");
            }
        }
        Optional<Long> budget = Optional.empty();
        if (f.containsKey("token_budget_per_month")) {
            Node budgetNode = f.get("token_budget_per_month").getValueNode();
            String text = scalar(budgetNode, path + ".token_budget_per_month");
            long value;
            try {
                value = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw error(budgetNode, path + ".token_budget_per_month", quote(text) + " is not a whole number");
            }
            if (value <= 0) {
                throw error(budgetNode, path + ".token_budget_per_month", "must be greater than zero");
            }
            budget = Optional.of(value);
        }

        Map<String, Role> roles = new LinkedHashMap<>();
        Map<String, Node> roleNodes = new HashMap<>();
        List<PendingRef> refs = new ArrayList<>();
        SequenceNode roleList = sequence(required(f, node, path, "roles"), path + ".roles");
        for (int i = 0; i < roleList.getValue().size(); i++) {
            String where = path + ".roles[" + i + "]";
            Node roleNode = roleList.getValue().get(i);
            Role role = role(roleNode, where, refs);
            if (roles.put(role.name(), role) != null) {
                throw error(fields(roleNode, where, Set.of()).get("name").getValueNode(), where + ".name",
                        "role " + quote(role.name()) + " is defined twice");
            }
            roleNodes.put(role.name(), roleNode);
        }
        Optional<String> unmapped = Optional.empty();
        if (f.containsKey("unmapped_users")) {
            Node unmappedNode = f.get("unmapped_users").getValueNode();
            String value = string(unmappedNode, path + ".unmapped_users");
            if (!value.equals(REFUSE)) {
                refs.add(new PendingRef(unmappedNode, path + ".unmapped_users", value));
                unmapped = Optional.of(value);
            }
        }

        Map<String, EmployeeEntry> employees = new LinkedHashMap<>();
        Map<String, String> chatIds = new HashMap<>();
        if (f.containsKey("employees")) {
            SequenceNode list = sequence(f.get("employees").getValueNode(), path + ".employees");
            for (int i = 0; i < list.getValue().size(); i++) {
                String where = path + ".employees[" + i + "]";
                Node employeeNode = list.getValue().get(i);
                EmployeeEntry employee = employee(employeeNode, where, refs, chatIds, keyHashes);
                if (employees.put(employee.id(), employee) != null) {
                    throw error(fields(employeeNode, where, Set.of()).get("id").getValueNode(), where + ".id",
                            "employee " + quote(employee.id()) + " is listed twice");
                }
            }
        }
        for (PendingRef ref : refs) {
            if (!roles.containsKey(ref.role())) {
                throw error(ref.node(), ref.path(), "role " + quote(ref.role()) + " is not defined in " + path
                        + ".roles (defined: " + String.join(", ", roles.keySet()) + ")");
            }
        }
        return new TenantPolicy(id, chatWorkspaces, unmapped, budget, zone, roles, employees);
    }

    private record PendingRef(Node node, String path, String role) {
    }

    private Role role(Node node, String path, List<PendingRef> refs) throws PolicyFileException {
        Map<String, NodeTuple> f = fields(node, path, Set.of("name", "tools", "limits", "admin"));
        String name = string(required(f, node, path, "name"), path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw error(f.get("name").getValueNode(), path + ".name",
                    quote(name) + " is not a role name (lower-case letters, digits, '_', '.', '-')");
        }
        Set<String> tools = new LinkedHashSet<>();
        SequenceNode toolList = sequence(required(f, node, path, "tools"), path + ".tools");
        for (int i = 0; i < toolList.getValue().size(); i++) {
            Node item = toolList.getValue().get(i);
            String tool = string(item, path + ".tools[" + i + "]");
            if (!NAME.matcher(tool).matches()) {
                throw error(item, path + ".tools[" + i + "]", quote(tool) + " is not a tool name");
            }
            if (!tools.add(tool)) {
                throw error(item, path + ".tools[" + i + "]", quote(tool) + " is listed twice");
            }
        }
        boolean admin = false;
        if (f.containsKey("admin")) {
            Node adminNode = f.get("admin").getValueNode();
            String value = scalar(adminNode, path + ".admin");
            if (!value.equals("true") && !value.equals("false")) {
                throw error(adminNode, path + ".admin", "must be true or false");
            }
            admin = value.equals("true");
        }
        List<Limit> limits = new ArrayList<>();
        if (f.containsKey("limits")) {
            SequenceNode list = sequence(f.get("limits").getValueNode(), path + ".limits");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                String where = path + ".limits[" + i + "]";
                Limit limit = limit(list.getValue().get(i), where, tools, refs);
                if (!seen.add(limit.tool() + " " + limit.currency().getCurrencyCode())) {
                    throw error(list.getValue().get(i), where, "a second limit for " + limit.tool() + " in "
                            + limit.currency().getCurrencyCode());
                }
                limits.add(limit);
            }
        }
        return new Role(name, tools, limits, admin);
    }

    private Limit limit(Node node, String path, Set<String> tools, List<PendingRef> refs) throws PolicyFileException {
        Map<String, NodeTuple> f = fields(node, path,
                Set.of("tool", "currency", "without_approval", "with_approval", "approvers", "daily_total"));
        Node toolNode = required(f, node, path, "tool");
        String tool = string(toolNode, path + ".tool");
        if (!tools.contains(tool)) {
            throw error(toolNode, path + ".tool", quote(tool) + " is not among the role's tools");
        }
        Node currencyNode = required(f, node, path, "currency");
        String code = string(currencyNode, path + ".currency");
        Currency currency;
        try {
            if (!CURRENCY.matcher(code).matches()) {
                throw new IllegalArgumentException();
            }
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw error(currencyNode, path + ".currency", quote(code) + " is not an ISO 4217 currency code");
        }
        BigDecimal without = amount(required(f, node, path, "without_approval"), path + ".without_approval", currency);
        Optional<BigDecimal> with = f.containsKey("with_approval")
                ? Optional.of(amount(f.get("with_approval").getValueNode(), path + ".with_approval", currency))
                : Optional.empty();
        if (with.isPresent() && with.get().compareTo(without) < 0) {
            throw error(f.get("with_approval").getValueNode(), path + ".with_approval", quote(with.get().toPlainString())
                    + " is less than without_approval " + quote(without.toPlainString()));
        }
        Optional<BigDecimal> daily = f.containsKey("daily_total")
                ? Optional.of(amount(f.get("daily_total").getValueNode(), path + ".daily_total", currency))
                : Optional.empty();
        Set<String> approvers = new LinkedHashSet<>();
        if (f.containsKey("approvers")) {
            SequenceNode list = sequence(f.get("approvers").getValueNode(), path + ".approvers");
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                String role = string(item, path + ".approvers[" + i + "]");
                refs.add(new PendingRef(item, path + ".approvers[" + i + "]", role));
                approvers.add(role);
            }
        }
        boolean approvable = with.isEmpty() || with.get().compareTo(without) > 0;
        if (approvable && approvers.isEmpty()) {
            throw error(node, path + ".approvers", "is missing: amounts above without_approval need approver roles"
                    + " (or set with_approval equal to without_approval)");
        }
        return new Limit(tool, currency, Optional.of(without), with, approvers, daily);
    }

    private BigDecimal amount(Node node, String path, Currency currency) throws PolicyFileException {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, path, "must be an amount in quotes, e.g. \"500.00\"");
        }
        String text = scalar.getValue();
        BigDecimal value;
        try {
            if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException();
            }
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw error(node, path, quote(text) + " is not an amount");
        }
        if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            throw error(node, path, "write the amount in quotes, \"" + text + "\", so it is read exactly");
        }
        if (value.signum() <= 0) {
            throw error(node, path, quote(text) + " must be greater than zero");
        }
        int digits = Math.min(2, Math.max(currency.getDefaultFractionDigits(), 0));
        if (value.stripTrailingZeros().scale() > digits) {
            throw error(node, path, quote(text) + " has more than " + digits + " decimals for "
                    + currency.getCurrencyCode());
        }
        return value;
    }

    private EmployeeEntry employee(Node node, String path, List<PendingRef> refs, Map<String, String> chatIds,
            Map<String, String> keyHashes) throws PolicyFileException {
        Map<String, NodeTuple> f = fields(node, path, Set.of("id", "roles", "chat_ids", "api_key_sha256", "groups"));
        String id = string(required(f, node, path, "id"), path + ".id");
        if (!EMPLOYEE_ID.matcher(id).matches()) {
            throw error(f.get("id").getValueNode(), path + ".id", quote(id)
                    + " is not an employee id (letters, digits, '.', '_', '@', '+', '-'; no ':', which chat ids use)");
        }
        List<String> roles = new ArrayList<>();
        SequenceNode roleList = sequence(required(f, node, path, "roles"), path + ".roles");
        if (roleList.getValue().isEmpty()) {
            throw error(roleList, path + ".roles", "lists no role");
        }
        for (int i = 0; i < roleList.getValue().size(); i++) {
            Node item = roleList.getValue().get(i);
            String role = string(item, path + ".roles[" + i + "]");
            refs.add(new PendingRef(item, path + ".roles[" + i + "]", role));
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        List<String> chat = new ArrayList<>();
        if (f.containsKey("chat_ids")) {
            SequenceNode list = sequence(f.get("chat_ids").getValueNode(), path + ".chat_ids");
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                String where = path + ".chat_ids[" + i + "]";
                String chatId = string(item, where);
                int colon = chatId.indexOf(':');
                if (!TenantPolicy.isChatId(chatId) || !CHAT_PART.matcher(chatId.substring(colon + 1)).matches()) {
                    throw error(item, where, quote(chatId) + " is not a chat id (dingtalk:<staffId> or slack:<userId>)");
                }
                String previous = chatIds.put(chatId, where);
                if (previous != null) {
                    throw error(item, where, quote(chatId) + " is already the chat id at " + previous);
                }
                chat.add(chatId);
            }
        }
        Optional<String> hash = Optional.empty();
        if (f.containsKey("api_key_sha256")) {
            Node hashNode = f.get("api_key_sha256").getValueNode();
            String value = string(hashNode, path + ".api_key_sha256");
            if (!SHA256_HEX.matcher(value).matches()) {
                throw error(hashNode, path + ".api_key_sha256",
                        "is not 64 lower-case hex digits (the SHA-256 of the key, e.g. from sha256sum)");
            }
            String previous = keyHashes.put(value, path);
            if (previous != null) {
                throw error(hashNode, path + ".api_key_sha256", "is already the key of " + previous);
            }
            hash = Optional.of(value);
        }
        Set<String> groups = new LinkedHashSet<>();
        if (f.containsKey("groups")) {
            SequenceNode list = sequence(f.get("groups").getValueNode(), path + ".groups");
            for (int i = 0; i < list.getValue().size(); i++) {
                groups.add(string(list.getValue().get(i), path + ".groups[" + i + "]"));
            }
        }
        return new EmployeeEntry(id, roles, chat, hash, groups);
    }

    // ---- node helpers ----

    private Map<String, NodeTuple> fields(Node node, String path, Set<String> allowed) throws PolicyFileException {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path.isEmpty() ? "" : path, "must be a mapping of fields");
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String name = key instanceof ScalarNode s ? s.getValue() : "?";
            String where = path.isEmpty() ? name : path + "." + name;
            if (!allowed.isEmpty() && !allowed.contains(name)) {
                List<String> sorted = new ArrayList<>(allowed);
                java.util.Collections.sort(sorted);
                throw error(key, where, "unknown field (allowed: " + String.join(", ", sorted) + ")");
            }
            if (fields.put(name, tuple) != null) {
                throw error(key, where, "is given twice");
            }
        }
        return fields;
    }

    private Node required(Map<String, NodeTuple> fields, Node parent, String path, String name)
            throws PolicyFileException {
        NodeTuple tuple = fields.get(name);
        if (tuple == null || isNull(tuple.getValueNode())) {
            throw error(tuple == null ? parent : tuple.getValueNode(), path.isEmpty() ? name : path + "." + name,
                    "is missing");
        }
        return tuple.getValueNode();
    }

    private SequenceNode sequence(Node node, String path) throws PolicyFileException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "must be a list");
        }
        return sequence;
    }

    /** A scalar of any plain type, as written. */
    private String scalar(Node node, String path) throws PolicyFileException {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, path, "must be a single value");
        }
        return scalar.getValue();
    }

    /** A non-blank string. */
    private String string(Node node, String path) throws PolicyFileException {
        String value = scalar(node, path);
        if (value.isBlank()) {
            throw error(node, path, "is blank");
        }
        if (!value.equals(value.strip())) {
            throw error(node, path, quote(value) + " has leading or trailing spaces");
        }
        return value;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private PolicyFileException error(Node node, String path, String problem) {
        int line = node == null || node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
        return new PolicyFileException(file, line, path, problem);
    }

    private static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}
