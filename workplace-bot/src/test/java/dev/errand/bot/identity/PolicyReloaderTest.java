package dev.errand.bot.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.agent.policy.PolicyFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
    private static final String POLICY = """
            tenants:
              - id: acme
                unmapped_users: refuse
                roles:
                  - name: viewer
                    tools: [%s]
                employees:
                  - id: li.lei
                    roles: [viewer]
            """;

    @TempDir
    Path dir;

    private Path write(String text, int secondsLater) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsLater)));
        return file;
    }

    @Test
    void should_take_a_good_edit_and_keep_the_policy_in_force_on_a_bad_one() throws Exception {
        Path file = write(POLICY.formatted("get_order"), 0);
        PolicyReloader reloader = new PolicyReloader(file);
        assertThat(reloader.current().principal("acme", "li.lei").orElseThrow().mayUse("get_payment")).isFalse();
        assertThat(reloader.reloadIfChanged()).isFalse();

        write(POLICY.formatted("get_order, get_payment"), 1);
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.current().principal("acme", "li.lei").orElseThrow().mayUse("get_payment")).isTrue();

        write(POLICY.formatted("get_order, get_payment").replace("roles: [viewer]", "roles: [ghost]"), 2);
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.current().principal("acme", "li.lei").orElseThrow().mayUse("get_payment")).isTrue();

        Files.delete(file);
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.current().principal("acme", "li.lei")).isPresent();
    }

    @Test
    void should_refuse_to_start_on_a_bad_file_naming_line_and_field() throws Exception {
        Path file = write(POLICY.formatted("get_order").replace("unmapped_users: refuse", "unmapped_users: guest"), 0);
        assertThatThrownBy(() -> new PolicyReloader(file)).isInstanceOf(PolicyFileException.class)
                .hasMessage(file + " line 3: tenants[0].unmapped_users: role \"guest\" is not defined in tenants[0].roles"
                        + " (defined: viewer)");
    }
}
