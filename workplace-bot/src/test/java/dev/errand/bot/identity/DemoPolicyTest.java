package dev.errand.bot.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.policy.Policy;
import dev.errand.agent.policy.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPolicyTest {

    @TempDir
    Path dataDir;

    @Test
    void should_generate_owner_only_keys_once_and_map_them_to_the_demo_employees() throws Exception {
        Policy policy = DemoPolicy.load(dataDir);
        String adminKey = Files.readString(dataDir.resolve("api-key")).strip();
        String approverKey = Files.readString(dataDir.resolve("approver-api-key")).strip();

        assertThat(adminKey).startsWith("errand_").hasSize("errand_".length() + 43).isNotEqualTo(approverKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("api-key"))))
                .isEqualTo("rw-------");
        Principal admin = policy.byApiKeySha256(ApiKeys.sha256Hex(adminKey)).orElseThrow();
        assertThat(admin.tenant()).isEqualTo("demo");
        assertThat(admin.employeeId()).isEqualTo("demo.admin");
        assertThat(admin.admin()).isTrue();
        assertThat(admin.mayUse("refund_payment")).isTrue();
        Principal approver = policy.byApiKeySha256(ApiKeys.sha256Hex(approverKey)).orElseThrow();
        assertThat(approver.hasRole("finance")).isTrue();
        // any DingTalk corp is the demo tenant; its unmapped users are viewers
        Principal viewer = policy.chatSender("dingtalk", "anycorp", "manager4711").orElseThrow();
        assertThat(viewer.employeeId()).isEqualTo("dingtalk:manager4711");
        assertThat(viewer.mayUse("get_order")).isTrue();
        assertThat(viewer.mayUse("list_orders") && viewer.mayUse("get_order_refunds") && viewer.mayUse("get_logistics"))
                .as("the read-only shop tools").isTrue();
        assertThat(viewer.mayUse("refund_payment")).isFalse();

        // a later start reuses the keys
        Policy again = DemoPolicy.load(dataDir);
        assertThat(again.byApiKeySha256(ApiKeys.sha256Hex(adminKey))).isPresent();
        assertThat(Files.readString(dataDir.resolve("api-key")).strip()).isEqualTo(adminKey);
    }
}
