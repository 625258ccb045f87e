package dev.errand.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFileTest {
    private static final String KEY_HASH = "a".repeat(64);
    private static final String OTHER_HASH = "b".repeat(64);

    /** A valid file; tests replace one line of it (line numbers in comments). */
    static final String VALID = """
            tenants:
              - id: acme
                chat_workspaces: ["dingtalk:ding123", "slack:T024BE7LD"]
                unmapped_users: viewer
                token_budget_per_month: 2000000
                timezone: Asia/Shanghai
                roles:
                  - name: support
                    tools: [get_order, get_payment, refund_payment]
                    limits:
                      - tool: refund_payment
                        currency: CNY
                        without_approval: "500.00"
                        with_approval: "5000.00"
                        approvers: [finance]
                        daily_total: "20000.00"
                  - name: finance
                    tools: [get_order, get_payment, refund_payment]
                  - name: viewer
                    tools: [get_order]
                  - name: admin
                    tools: [get_order]
                    admin: true
                employees:
                  - id: li.lei
                    roles: [support]
                    chat_ids: ["dingtalk:manager4711", "slack:U024BE7LH"]
                    api_key_sha256: "%s"
                    groups: [cs-east]
                  - id: han.meimei
                    roles: [finance, admin]
                    api_key_sha256: "%s"
              - id: globex
                chat_workspaces: ["dingtalk:ding999"]
                unmapped_users: refuse
                roles:
                  - name: viewer
                    tools: [get_order]
            """.formatted(KEY_HASH, OTHER_HASH);

    private static String replaceLine(int line, String text) {
        String[] lines = VALID.split("\n", -1);
        String indent = lines[line - 1].substring(0, lines[line - 1].length() - lines[line - 1].stripLeading().length());
        lines[line - 1] = indent + text.strip();
        return String.join("\n", lines);
    }

    private static String insertAfter(int line, String text) {
        String[] lines = VALID.split("\n", -1);
        lines[line - 1] = lines[line - 1] + "\n" + text;
        return String.join("\n", lines);
    }

    @Test
    void should_read_a_valid_file() throws PolicyFileException {
        Policy policy = PolicyFile.parse(VALID, "policy.yaml");

        TenantPolicy acme = policy.tenant("acme").orElseThrow();
        assertThat(acme.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(acme.tokenBudgetPerMonth()).contains(2_000_000L);
        assertThat(acme.unmappedRole()).contains("viewer");
        Limit limit = acme.roles().get("support").limits().get(0);
        assertThat(limit.withoutApproval()).contains(new BigDecimal("500.00"));
        assertThat(limit.withApproval()).contains(new BigDecimal("5000.00"));
        assertThat(limit.dailyTotal()).contains(new BigDecimal("20000.00"));
        assertThat(limit.approvers()).containsExactly("finance");
        assertThat(policy.tenant("globex").orElseThrow().zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(policy.tenant("globex").orElseThrow().unmappedRole()).isEmpty();
    }

    @Test
    void should_resolve_keys_chat_senders_and_employee_ids() throws PolicyFileException {
        Policy policy = PolicyFile.parse(VALID, "policy.yaml");

        assertThat(policy.byApiKeySha256(KEY_HASH)).hasValueSatisfying(p -> {
            assertThat(p.tenant()).isEqualTo("acme");
            assertThat(p.employeeId()).isEqualTo("li.lei");
            assertThat(p.groups()).containsExactly("cs-east");
        });
        assertThat(policy.byApiKeySha256("c".repeat(64))).isEmpty();
        assertThat(policy.byApiKeySha256(OTHER_HASH).orElseThrow().admin()).isTrue();
        // mapped through chat_ids, in the workspace's tenant only
        assertThat(policy.chatSender("dingtalk", "ding123", "manager4711").orElseThrow().employeeId())
                .isEqualTo("li.lei");
        // the same user id in another tenant's workspace is someone else: globex refuses unmapped users
        assertThat(policy.chatSender("dingtalk", "ding999", "manager4711")).isEmpty();
        // unmapped in acme: the viewer role, under the id platform:user
        assertThat(policy.chatSender("dingtalk", "ding123", "someone")).hasValueSatisfying(p -> {
            assertThat(p.employeeId()).isEqualTo("dingtalk:someone");
            assertThat(p.mayUse("get_order")).isTrue();
            assertThat(p.mayUse("refund_payment")).isFalse();
        });
        // a workspace no tenant lists
        assertThat(policy.chatSender("dingtalk", "ding000", "manager4711")).isEmpty();
        // at execution time, by the ids stored on the message
        assertThat(policy.principal("acme", "li.lei").orElseThrow().hasRole("support")).isTrue();
        assertThat(policy.principal("acme", "dingtalk:manager4711").orElseThrow().employeeId()).isEqualTo("li.lei");
        assertThat(policy.principal("acme", "dingtalk:someone")).isPresent();
        assertThat(policy.principal("acme", "nobody")).isEmpty();
        assertThat(policy.principal("globex", "dingtalk:someone")).isEmpty();
        assertThat(policy.principal("dingtalk:ding000", "dingtalk:manager4711")).isEmpty();
    }

    @Test
    void should_match_a_wildcard_workspace_after_exact_ones() throws PolicyFileException {
        Policy policy = PolicyFile.parse(replaceLine(34, "    chat_workspaces: [\"dingtalk:*\"]"), "p.yaml");
        assertThat(policy.tenantOfWorkspace("dingtalk", "ding123").orElseThrow().id()).isEqualTo("acme");
        assertThat(policy.tenantOfWorkspace("dingtalk", "anything").orElseThrow().id()).isEqualTo("globex");
        assertThat(policy.tenantOfWorkspace("dingtalk", null).orElseThrow().id()).isEqualTo("globex");
        assertThat(policy.tenantOfWorkspace("slack", "T1")).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            13 |            without_approval: "5x0"    | policy.yaml line 13: tenants[0].roles[0].limits[0].without_approval: "5x0" is not an amount
            13 |            without_approval: 500.00   | policy.yaml line 13: tenants[0].roles[0].limits[0].without_approval: write the amount in quotes, "500.00", so it is read exactly
            13 |            without_approval: "-5.00"  | policy.yaml line 13: tenants[0].roles[0].limits[0].without_approval: "-5.00" is not an amount
            13 |            without_approval: "0.00"   | policy.yaml line 13: tenants[0].roles[0].limits[0].without_approval: "0.00" must be greater than zero
            13 |            without_approval: "5.001"  | policy.yaml line 13: tenants[0].roles[0].limits[0].without_approval: "5.001" has more than 2 decimals for CNY
            13 |            without_approval: "6000.00" | policy.yaml line 14: tenants[0].roles[0].limits[0].with_approval: "5000.00" is less than without_approval "6000.00"
            12 |            currency: RMB              | policy.yaml line 12: tenants[0].roles[0].limits[0].currency: "RMB" is not an ISO 4217 currency code
            12 |            currency: cny              | policy.yaml line 12: tenants[0].roles[0].limits[0].currency: "cny" is not an ISO 4217 currency code
            11 |          - tool: pay_out              | policy.yaml line 11: tenants[0].roles[0].limits[0].tool: "pay_out" is not among the role's tools
            15 |            approvers: [treasury]      | policy.yaml line 15: tenants[0].roles[0].limits[0].approvers[0]: role "treasury" is not defined in tenants[0].roles (defined: support, finance, viewer, admin)
            4  |    unmapped_users: guest              | policy.yaml line 4: tenants[0].unmapped_users: role "guest" is not defined in tenants[0].roles (defined: support, finance, viewer, admin)
            26 |        roles: [suport]                | policy.yaml line 26: tenants[0].employees[0].roles[0]: role "suport" is not defined in tenants[0].roles (defined: support, finance, viewer, admin)
            28 |        api_key_sha256: "abc"          | policy.yaml line 28: tenants[0].employees[0].api_key_sha256: is not 64 lower-case hex digits (the SHA-256 of the key, e.g. from sha256sum)
            25 |      - id: han.meimei                 | policy.yaml line 30: tenants[0].employees[1].id: employee "han.meimei" is listed twice
            25 |      - id: "li:lei"                   | policy.yaml line 25: tenants[0].employees[0].id: "li:lei" is not an employee id (letters, digits, '.', '_', '@', '+', '-'; no ':', which chat ids use)
            27 |        chat_ids: ["wechat:x"]         | policy.yaml line 27: tenants[0].employees[0].chat_ids[0]: "wechat:x" is not a chat id (dingtalk:<staffId> or slack:<userId>)
            27 |        chat_ids: ["dingtalk:a", "dingtalk:a"] | policy.yaml line 27: tenants[0].employees[0].chat_ids[1]: "dingtalk:a" is already the chat id at tenants[0].employees[0].chat_ids[0]
            3  |    chat_workspaces: ["dingtalk:ding999"] | policy.yaml line 34: tenants[1].chat_workspaces[0]: "dingtalk:ding999" already belongs to tenants[0]
            3  |    chat_workspaces: ["teams:x"]       | policy.yaml line 3: tenants[0].chat_workspaces[0]: "teams:x" is not a chat workspace (dingtalk:<corpId>, slack:<teamId>, or dingtalk:* for any)
            6  |    timezone: Mars/Olympus             | policy.yaml line 6: tenants[0].timezone: "Mars/Olympus" is not a time zone (e.g. Asia/Shanghai)
            5  |    token_budget_per_month: lots       | policy.yaml line 5: tenants[0].token_budget_per_month: "lots" is not a whole number
            5  |    token_budget_per_month: 0          | policy.yaml line 5: tenants[0].token_budget_per_month: must be greater than zero
            2  |  - id: globex                         | policy.yaml line 33: tenants[1].id: "globex" is already the id of tenants[0]
            2  |  - id: Acme                           | policy.yaml line 2: tenants[0].id: "Acme" is not a tenant id (lower-case letters, digits, '.', '_', '-'; at most 64)
            17 |      - name: support                  | policy.yaml line 17: tenants[0].roles[1].name: role "support" is defined twice
            23 |        admin: yes                     | policy.yaml line 23: tenants[0].roles[3].admin: must be true or false
            9  |        tools: get_order               | policy.yaml line 9: tenants[0].roles[0].tools: must be a list
            1  |tenant:                               | policy.yaml line 1: tenant: unknown field (allowed: tenants)
            """)
    void should_refuse_a_bad_line_naming_line_and_field(int line, String text, String message) {
        assertThatThrownBy(() -> PolicyFile.parse(replaceLine(line, text), "policy.yaml"))
                .isInstanceOf(PolicyFileException.class).hasMessage(message);
    }

    @Test
    void should_refuse_unknown_fields() {
        assertThatThrownBy(() -> PolicyFile.parse(insertAfter(16, "            dayly_total: \"1.00\""), "policy.yaml"))
                .hasMessage("policy.yaml line 17: tenants[0].roles[0].limits[0].dayly_total: unknown field (allowed: "
                        + "approvers, currency, daily_total, tool, with_approval, without_approval)");
        assertThatThrownBy(() -> PolicyFile.parse(insertAfter(29, "        email: x@y"), "policy.yaml"))
                .hasMessageStartingWith("policy.yaml line 30: tenants[0].employees[0].email: unknown field");
    }

    @Test
    void should_refuse_a_key_hash_used_twice() {
        String twice = VALID.replace(OTHER_HASH, KEY_HASH);
        assertThatThrownBy(() -> PolicyFile.parse(twice, "policy.yaml")).hasMessage(
                "policy.yaml line 32: tenants[0].employees[1].api_key_sha256: is already the key of tenants[0].employees[0]");
    }

    @Test
    void should_refuse_a_duplicate_key_in_a_mapping() {
        assertThatThrownBy(() -> PolicyFile.parse(insertAfter(4, "    unmapped_users: refuse"), "policy.yaml"))
                .isInstanceOf(PolicyFileException.class).hasMessageContaining("line 5");
    }

    @Test
    void should_refuse_missing_fields_and_empty_files() {
        assertThatThrownBy(() -> PolicyFile.parse("", "p.yaml"))
                .hasMessage("p.yaml line 1: tenants: is missing (the file is empty)");
        assertThatThrownBy(() -> PolicyFile.parse("tenants: []\n", "p.yaml"))
                .hasMessage("p.yaml line 1: tenants: lists no tenant");
        assertThatThrownBy(() -> PolicyFile.parse("tenants:\n  - id: a\n", "p.yaml"))
                .hasMessage("p.yaml line 2: tenants[0].roles: is missing");
        assertThatThrownBy(() -> PolicyFile.parse(replaceLine(12, "            currency:"), "p.yaml"))
                .hasMessage("p.yaml line 12: tenants[0].roles[0].limits[0].currency: is missing");
    }

    @Test
    void should_refuse_approval_without_approvers() {
        assertThatThrownBy(() -> PolicyFile.parse(replaceLine(15, ""), "p.yaml")).hasMessage(
                "p.yaml line 11: tenants[0].roles[0].limits[0].approvers: is missing: amounts above without_approval"
                        + " need approver roles (or set with_approval equal to without_approval)");
    }

    @Test
    void should_refuse_invalid_yaml_with_its_line() {
        assertThatThrownBy(() -> PolicyFile.parse("tenants:\n  - id: [a\n", "p.yaml"))
                .isInstanceOf(PolicyFileException.class).hasMessageStartingWith("p.yaml line 3: not valid YAML");
    }
}
