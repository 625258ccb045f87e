package dev.errand.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged application with ERRAND_POLICY_FILE: a refused file stops the start; a good one decides who is who. */
class PolicyFileStartTest {
    private static final String KEY = "errand_e2e-policy-key-000000000000000000000000000000";

    @TempDir
    Path dir;

    private static String policy(String keyHash) {
        return """
                tenants:
                  - id: acme
                    chat_workspaces: ["dingtalk:dingcorp0001"]
                    unmapped_users: refuse
                    roles:
                      - name: support
                        tools: [get_order, get_payment]
                    employees:
                      - id: li.lei
                        roles: [support]
                        api_key_sha256: "%s"
                """.formatted(keyHash);
    }

    @Test
    void should_not_start_with_a_policy_file_it_refuses_and_say_the_line_and_field() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy("not-a-hash"));

        assertThatThrownBy(() -> ErrandProcess.start(Map.of("ERRAND_POLICY_FILE", file.toString())).close())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(file + " line 11: tenants[0].employees[0].api_key_sha256: is not 64 lower-case hex");
    }

    @Test
    void should_act_as_the_employee_of_the_key_and_generate_no_demo_keys() throws Exception {
        Path file = dir.resolve("policy.yaml");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(KEY.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(file, policy(hash));

        try (ErrandProcess app = ErrandProcess.start(Map.of("ERRAND_POLICY_FILE", file.toString()))) {
            JsonNode reply = Json.parse(given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + KEY)
                    .contentType("application/json").body("{\"text\":\"/order 8812\"}").post("/api/chat")
                    .then().statusCode(200).extract().asString());
            JsonNode run = Json.parse(given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + KEY)
                    .get("/api/runs/{id}", reply.path("runId").asText()).then().statusCode(200).extract().asString());

            assertThat(run.path("run").path("tenant").asText()).isEqualTo("acme");
            assertThat(run.path("run").path("employee").asText()).isEqualTo("li.lei");
            assertThat(app.dataDir().resolve("api-key")).doesNotExist();
            app.assertOutputKeepsSecret(KEY);
        }
    }
}
