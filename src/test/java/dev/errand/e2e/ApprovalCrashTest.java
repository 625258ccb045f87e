package dev.errand.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run parked for approval survives a real process kill: the packaged app on the embedded default, the demo
 * policy and its generated keys, offline {@code /refund}. Nothing waits in memory, so after {@code kill -9} and a
 * restart the approval is still pending, the decision resumes the run, and the refund step runs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalCrashTest {
    private ErrandProcess app;

    @BeforeAll
    void start() {
        app = ErrandProcess.start(Map.of());
    }

    @AfterAll
    void stop() {
        try {
            app.assertOutputKeepsSecret(app.apiKey(), app.approverApiKey());
        } finally {
            app.close();
        }
    }

    private Response as(String key, String method, String path, String body) {
        var request = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key)
                .contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, path);
    }

    private JsonNode run(String id) {
        Response response = as(app.apiKey(), "GET", "/api/runs/" + id, null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private static List<JsonNode> steps(JsonNode run, String name) {
        return StreamSupport.stream(run.path("steps").spliterator(), false)
                .filter(s -> name.equals(s.path("name").asText())).toList();
    }

    @Test
    void should_keep_a_waiting_approval_through_a_kill_and_refund_once_after_approval() {
        Response asked = as(app.apiKey(), "POST", "/api/chat", "{\"text\":\"/refund 8815 800.00 CNY parcel lost\"}");
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(202);
        JsonNode waiting = Json.parse(asked.asString());
        assertThat(waiting.path("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        String runId = waiting.path("runId").asText();
        String approvalId = waiting.path("approvals").get(0).asText();

        app.kill();
        app.restart();

        JsonNode approval = Json.parse(as(app.approverApiKey(), "GET", "/api/approvals/" + approvalId, null).asString());
        assertThat(approval.path("status").asText()).isEqualTo("PENDING");
        assertThat(run(runId).path("run").path("status").asText()).isEqualTo("WAITING");
        assertThat(steps(run(runId), "refund_payment")).isEmpty();

        Response approved = as(app.approverApiKey(), "POST", "/api/approvals/" + approvalId,
                "{\"decision\":\"approve\",\"comment\":\"parcel confirmed lost\"}");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> run(runId), r -> "SUCCEEDED".equals(r.path("run").path("status").asText()));

        assertThat(steps(done, "refund_payment")).singleElement().satisfies(step -> {
            assertThat(step.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(step.path("attempts").asInt()).isEqualTo(1);
            assertThat(step.path("result").path("requestNo").asText()).isEqualTo(step.path("idempotencyKey").asText());
        });
        assertThat(done.path("run").path("reply").asText()).contains("Refunded 800.00 CNY on order 8815")
                .contains("Approved by demo.approver");
        Response second = as(app.approverApiKey(), "POST", "/api/approvals/" + approvalId, "{\"decision\":\"reject\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Json.parse(second.asString()).path("error").asText()).contains("approved by demo.approver");
    }

    @Test
    void should_let_neither_the_requester_nor_a_stranger_decide() {
        Response asked = as(app.apiKey(), "POST", "/api/chat", "{\"text\":\"/refund 8815 600.00 CNY damaged\"}");
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(202);
        String approvalId = Json.parse(asked.asString()).path("approvals").get(0).asText();

        assertThat(as(app.apiKey(), "POST", "/api/approvals/" + approvalId, "{\"decision\":\"approve\"}").statusCode())
                .isEqualTo(403);
        assertThat(as("errand_not-a-key", "POST", "/api/approvals/" + approvalId, "{\"decision\":\"approve\"}")
                .statusCode()).isEqualTo(401);
        Response bad = as(app.approverApiKey(), "POST", "/api/approvals/" + approvalId, "{\"decision\":\"maybe\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("decision");
        assertThat(as(app.approverApiKey(), "POST", "/api/approvals/" + approvalId, "{\"decision\":\"reject\"}")
                .statusCode()).isEqualTo(200);
    }
}
