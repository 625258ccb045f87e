package dev.errand.bot.identity;

import static dev.errand.bot.testkit.TestKeys.HAN_MEIMEI;
import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The running application takes a good edit of its policy file and keeps its policy on a bad one. */
@QuarkusTest
@TestProfile(PolicyReloadTest.EditablePolicy.class)
@QuarkusTestResource(SessionWebhookResource.class)
class PolicyReloadTest {
    /** A fixed path: the test and the application load this class in different class loaders. */
    static final Path FILE = Path.of("target/policy-reload-test.yaml").toAbsolutePath();

    /** The test policy in a file the test may edit, copied before the application starts. */
    public static class EditablePolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.copy(Path.of("src/test/resources/test-policy.yaml"), FILE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("errand.policy.file", FILE.toString(), "errand.policy.reload-interval", "100ms");
        }
    }

    private static int runsStatus(String key) {
        return given().header("Authorization", bearer(key)).get("/api/runs").statusCode();
    }

    private static void edit(String text) throws IOException {
        Path next = Files.createTempFile(FILE.getParent(), "errand-policy", ".tmp");
        Files.writeString(next, text);
        Files.move(next, FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Inject
    PolicyStore store;

    @Test
    void should_take_a_good_edit_and_refuse_a_bad_one() throws Exception {
        String original = Files.readString(FILE);
        given().header("Authorization", bearer(LI_LEI)).get("/api/runs").then().statusCode(200);

        // li.lei's key is revoked (the line goes), han.meimei keeps hers
        String revoked = original.replaceFirst("(?m)^\\s+api_key_sha256: \"[0-9a-f]{64}\"\\n(?=\\s+- id: han.meimei)", "");
        org.assertj.core.api.Assertions.assertThat(revoked).isNotEqualTo(original);
        edit(revoked);
        await().atMost(Duration.ofSeconds(10)).until(() -> runsStatus(LI_LEI) == 401);
        given().header("Authorization", bearer(HAN_MEIMEI)).get("/api/runs").then().statusCode(200);

        // a bad edit (an undefined role) is refused: the revocation stays in force, nothing else changes
        int refusedBefore = store.refusedEdits();
        edit(original.replace("roles: [support]", "roles: [ghost]"));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.refusedEdits() > refusedBefore);
        given().header("Authorization", bearer(LI_LEI)).get("/api/runs").then().statusCode(401);
        given().header("Authorization", bearer(HAN_MEIMEI)).get("/api/runs").then().statusCode(200);

        // the original file again: li.lei is back
        edit(original);
        await().atMost(Duration.ofSeconds(10)).until(() -> runsStatus(LI_LEI) == 200);
    }
}
