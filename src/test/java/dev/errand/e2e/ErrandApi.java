package dev.errand.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;

/** The admin side of the application's REST API, {@code /api/runs}, as the demo policy's admin (all runs of demo). */
final class ErrandApi {
    private final String baseUrl;
    private final String authorization;

    ErrandApi(ErrandProcess app) {
        this.baseUrl = app.baseUrl();
        this.authorization = app.bearer();
    }

    /** The newest runs (at most 200), newest first. */
    List<JsonNode> runs() {
        String body = given().baseUri(baseUrl).header("Authorization", authorization).queryParam("limit", 200).get("/api/runs")
                .then().statusCode(200).extract().asString();
        JsonNode runs = Json.parse(body);
        assertThat(runs.isArray()).as("GET /api/runs answers a JSON array: " + body).isTrue();
        assertThat(runs.size()).as("this suite stays below the listing's limit").isLessThan(200);
        return StreamSupport.stream(runs.spliterator(), false).toList();
    }

    /** The runs of one employee, newest first; a DingTalk staff id matches the unmapped user {@code dingtalk:<id>}. */
    List<JsonNode> runsOf(String employee) {
        return runs().stream().filter(run -> employee.equals(run.path("employee").asText())
                || ("dingtalk:" + employee).equals(run.path("employee").asText())).toList();
    }

    /** {@code {run:{...}, steps:[...]}}. */
    JsonNode run(String id) {
        return Json.parse(given().baseUri(baseUrl).header("Authorization", authorization).get("/api/runs/{id}", id)
                .then().statusCode(200).extract().asString());
    }
}
