package dev.errand.bot.approval.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Approvals through the API on PostgreSQL: who may list, read and decide, and what a decision does to the run. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ApprovalsResourceTest {

    private static Response as(String key, String method, String path, String body) {
        var request = given().header("Authorization", TestKeys.bearer(key)).contentType("application/json");
        return (body == null ? request : request.body(body)).request(method, path);
    }

    /** Asks for a refund above li.lei's limit; answers {runId, approvalId}. */
    private static String[] refundAboveTheLimit(String amount) {
        Response asked = as(TestKeys.LI_LEI, "POST", "/api/chat", "{\"text\":\"/refund 8815 " + amount + " CNY lost\"}");
        asked.then().statusCode(202).body("status", equalTo("WAITING_FOR_APPROVAL"));
        return new String[] {asked.path("runId"), asked.path("approvals[0]")};
    }

    @Test
    void should_let_an_approver_of_the_tenant_decide_once_and_resume_the_run() {
        String[] asked = refundAboveTheLimit("700.00");

        as(TestKeys.FIONA, "GET", "/api/approvals", null).then().statusCode(200).body("id", hasItem(asked[1]));
        as(TestKeys.LI_LEI, "GET", "/api/approvals", null).then().statusCode(200).body("id", not(hasItem(asked[1])));
        as(TestKeys.LI_LEI, "GET", "/api/approvals/" + asked[1], null).then().statusCode(200)
                .body("requestedBy", equalTo("li.lei")).body("amount", equalTo("700.00")).body("status", equalTo("PENDING"));
        as(TestKeys.HAN_MEIMEI, "GET", "/api/approvals/" + asked[1], null).then().statusCode(404);
        as(TestKeys.GLOBEX, "GET", "/api/approvals/" + asked[1], null).then().statusCode(404);
        as(TestKeys.LI_LEI, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"approve\"}").then().statusCode(403)
                .body("error", containsString("someone else"));
        as(TestKeys.BOSS, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"approve\"}").then().statusCode(403)
                .body("error", containsString("finance"));

        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"approve\",\"comment\":\"ok\"}")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("decidedBy", equalTo("fiona"));
        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"reject\"}").then().statusCode(409)
                .body("error", containsString("already approved by fiona"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(
                as(TestKeys.LI_LEI, "GET", "/api/runs/" + asked[0], null).path("run.status")));
        as(TestKeys.LI_LEI, "GET", "/api/runs/" + asked[0], null).then().statusCode(200)
                .body("run.reply", containsString("Refunded 700.00 CNY on order 8815"))
                .body("run.reply", containsString("Approved by fiona"))
                .body("approvals[0].status", equalTo("APPROVED"))
                .body("plans[0].decision.decision", equalTo("approval"))
                .body("steps.findAll { it.name == 'refund_payment' }.size()", equalTo(1));
    }

    @Test
    void should_end_a_rejected_run_without_refunding() {
        String[] asked = refundAboveTheLimit("650.00");

        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"reject\",\"comment\":\"not lost\"}")
                .then().statusCode(200).body("status", equalTo("REJECTED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(
                as(TestKeys.LI_LEI, "GET", "/api/runs/" + asked[0], null).path("run.status")));
        as(TestKeys.LI_LEI, "GET", "/api/runs/" + asked[0], null).then()
                .body("run.reply", containsString("rejected by fiona: not lost"))
                .body("steps.findAll { it.name == 'refund_payment' }.size()", equalTo(0));
    }

    @Test
    void should_name_the_field_of_a_bad_decision_and_not_find_unknown_ids() {
        String[] asked = refundAboveTheLimit("550.00");

        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"perhaps\"}").then().statusCode(400)
                .body("error", containsString("decision"));
        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{}").then().statusCode(400)
                .body("error", containsString("decision"));
        as(TestKeys.FIONA, "GET", "/api/approvals?status=SOMETIMES", null).then().statusCode(400)
                .body("error", containsString("status"));
        as(TestKeys.FIONA, "GET", "/api/approvals/not-an-id", null).then().statusCode(404);
        as(TestKeys.FIONA, "POST", "/api/approvals/00000000-0000-0000-0000-000000000000", "{\"decision\":\"approve\"}")
                .then().statusCode(404);
        as(TestKeys.FIONA, "POST", "/api/approvals/" + asked[1], "{\"decision\":\"reject\"}").then().statusCode(200);
    }
}
