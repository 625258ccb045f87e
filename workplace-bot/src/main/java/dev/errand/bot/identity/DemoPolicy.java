package dev.errand.bot.identity;

import dev.errand.agent.policy.Policy;
import dev.errand.agent.policy.PolicyFile;
import dev.errand.agent.policy.PolicyFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * The policy that serves when {@code ERRAND_POLICY_FILE} is not set: tenant {@code demo}, taking any DingTalk corp;
 * unmapped chat users are {@code viewer}s; {@code demo.admin} (support and admin) and {@code demo.approver} (finance)
 * have API keys generated at first start into {@code <data dir>/api-key} and {@code <data dir>/approver-api-key}
 * (owner-only, reused later, never logged).
 */
final class DemoPolicy {
    private static final Logger LOG = Logger.getLogger(DemoPolicy.class);
    static final String ADMIN_KEY_FILE = "api-key";
    static final String APPROVER_KEY_FILE = "approver-api-key";
    static final String YAML = """
            tenants:
              - id: demo
                chat_workspaces: ["dingtalk:*"]
                unmapped_users: viewer
                roles:
                  - name: viewer
                    tools: [get_order, get_payment, list_orders, get_order_refunds, get_logistics, get_refund, search_documents]
                  - name: support
                    tools: [get_order, get_payment, refund_payment, list_orders, get_order_refunds, get_logistics, get_refund, search_documents]
                    limits:
                      - tool: refund_payment
                        currency: CNY
                        without_approval: "500.00"
                        with_approval: "5000.00"
                        approvers: [finance]
                        daily_total: "20000.00"
                  - name: finance
                    tools: [get_order, get_payment, refund_payment, list_orders, get_order_refunds, get_logistics, get_refund, search_documents]
                  - name: admin
                    admin: true
                    tools: [get_order, get_payment, list_orders, get_order_refunds, get_logistics, get_refund, search_documents, publish_documents]
                employees:
                  - id: demo.admin
                    roles: [support, admin]
                    api_key_sha256: "%s"
                  - id: demo.approver
                    roles: [finance]
                    api_key_sha256: "%s"
            """;

    private DemoPolicy() {
    }

    static Policy load(Path dataDir) {
        String admin = ApiKeys.sha256Hex(key(dataDir.resolve(ADMIN_KEY_FILE), "demo.admin"));
        String approver = ApiKeys.sha256Hex(key(dataDir.resolve(APPROVER_KEY_FILE), "demo.approver"));
        try {
            return PolicyFile.parse(YAML.formatted(admin, approver), "built-in demo policy");
        } catch (PolicyFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The key in {@code file}, generated (owner-only) when the file does not exist yet. */
    static String key(Path file, String employee) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String key = ApiKeys.generate();
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return read(file);
                }
                Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
                LOG.infof("ERRAND_POLICY_FILE is not set: generated the API key of %s into %s", employee, file);
                return key;
            }
            LOG.infof("ERRAND_POLICY_FILE is not set: the API key of %s is in %s", employee, file);
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API key file " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) {
            throw new IOException("the API key file " + file + " is empty; delete it to generate a new key");
        }
        return key;
    }
}
