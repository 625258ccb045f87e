package dev.errand.bot.identity;

import static dev.errand.bot.testkit.TestKeys.BOSS;
import static dev.errand.bot.testkit.TestKeys.GLOBEX;
import static dev.errand.bot.testkit.TestKeys.HAN_MEIMEI;
import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ApiAuthTest {
    private static final String WRONG_KEY = "errand_not-a-key-anyone-holds-0000000000000000000000";

    /** Every operation under /api/ that the OpenAPI document lists, as "METHOD path" with path parameters filled. */
    private static List<String[]> apiOperations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").asString());
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
                    operations.add(new String[] {method.toUpperCase(Locale.ROOT), concrete});
                }
            }
        }
        return operations;
    }

    private static Response call(RequestSpecification request, String[] operation) {
        return request.contentType("application/json").body("{\"text\":\"/help\"}").request(operation[0], operation[1]);
    }

    @Test
    void should_refuse_every_api_path_without_or_with_a_wrong_key() throws Exception {
        List<String[]> operations = apiOperations();
        assertThat(operations).extracting(o -> o[0] + " " + o[1])
                .contains("POST /api/chat", "GET /api/runs", "GET /api/runs/00000000-0000-0000-0000-000000000000");
        for (String[] operation : operations) {
            call(given(), operation).then().statusCode(401).contentType("application/json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"errand\""))
                    .body("error", equalTo("missing header 'Authorization: Bearer <API key>'"));
            String answer = call(given().header("Authorization", bearer(WRONG_KEY)), operation).then()
                    .statusCode(401).body("error", equalTo("the API key is not valid")).extract().asString();
            assertThat(answer).doesNotContain(WRONG_KEY);
            call(given().header("Authorization", "Basic " + WRONG_KEY), operation).then().statusCode(401)
                    .body("error", equalTo("header 'Authorization' must be 'Bearer <API key>'"));
        }
    }

    @Test
    void should_declare_the_bearer_scheme_and_keep_health_and_openapi_open() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void should_act_as_the_key_holder_and_show_runs_to_their_owner_and_tenant_admin_only() {
        String runId = given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/order 8812\"}").post("/api/chat").then().statusCode(200)
                .extract().path("runId");

        given().header("Authorization", bearer(LI_LEI)).get("/api/runs/" + runId).then().statusCode(200)
                .body("run.tenant", equalTo("acme")).body("run.employee", equalTo("li.lei"));
        given().header("Authorization", bearer(LI_LEI)).get("/api/runs?limit=200").then().statusCode(200)
                .body("id", hasItem(runId));
        // the tenant's admin reads it
        given().header("Authorization", bearer(BOSS)).get("/api/runs/" + runId).then().statusCode(200);
        given().header("Authorization", bearer(BOSS)).get("/api/runs?limit=200").then().statusCode(200)
                .body("id", hasItem(runId));
        // another employee of the tenant does not, nor another tenant's admin: 404, as for no run at all
        for (String other : List.of(HAN_MEIMEI, GLOBEX)) {
            given().header("Authorization", bearer(other)).get("/api/runs/" + runId).then().statusCode(404)
                    .body("error", equalTo("run " + runId + " not found"));
            given().header("Authorization", bearer(other)).get("/api/runs?limit=200").then().statusCode(200)
                    .body("id", not(hasItem(runId)));
        }
    }
}
