package dev.errand.bot.chat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;

import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ChatApiResourceTest {

    @Test
    void should_answer_an_order_command_and_list_the_run_with_its_step() {
        String runId = given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/order 8814\"}")
                .post("/api/chat")
                .then().statusCode(200)
                .body("format", equalTo("markdown"))
                .body("title", equalTo("Order 8814"))
                .body("text", containsString("- Status: TRADE_CLOSED"))
                .body("text", containsString("Travel backpack × 1 at 349.00 CNY (refund: SUCCESS)"))
                .body("text", containsString("_Demo data:"))
                .body("runId", notNullValue())
                .extract().path("runId");

        given().header("Authorization", bearer(LI_LEI)).get("/api/runs/" + runId).then().statusCode(200)
                .body("run.status", equalTo("SUCCEEDED"))
                .body("run.delivery", equalTo("NOT_NEEDED"))
                .body("run.channel", equalTo("API"))
                .body("run.reply", containsString("Travel backpack"))
                .body("steps", org.hamcrest.Matchers.hasSize(2))
                .body("steps[0].step", equalTo("plan"))
                .body("steps[0].result.decision", equalTo("allowed"))
                .body("plans[0].plan.steps[0].tool", equalTo("get_order"))
                .body("plans[0].decision.decision", equalTo("allowed"))
                .body("steps[1].step", equalTo("s1"))
                .body("steps[1].name", equalTo("get_order"))
                .body("steps[1].input.orderId", equalTo("8814"))
                .body("steps[1].status", equalTo("SUCCEEDED"))
                .body("steps[1].attempts", equalTo(1))
                .body("steps[1].idempotencyKey", equalTo(runId.replace("-", "") + "-s1"))
                .body("steps[1].result.amount.amount", equalTo("349.00"));
        given().header("Authorization", bearer(LI_LEI)).get("/api/runs?limit=5").then().statusCode(200).body("id", hasItem(runId));
    }

    @Test
    void should_say_offline_mode_for_free_text_without_a_model() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"what happened to order 8812?\"}")
                .post("/api/chat")
                .then().statusCode(200)
                .body("title", equalTo("Errand (offline)"))
                .body("text", containsString("No language model is configured, so I only understand commands."))
                .body("text", containsString("`/order <order id>`"));
    }

    @Test
    void should_report_a_failed_tool_call_clearly() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/order 123\"}")
                .post("/api/chat")
                .then().statusCode(200).body("format", equalTo("text")).body("text", equalTo("Order 123 not found."));
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/order ../etc\"}")
                .post("/api/chat")
                .then().statusCode(200).body("text", containsString("order id '../etc' must be"));
    }

    @Test
    void should_name_a_missing_field() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json").body("{}")
                .post("/api/chat").then().statusCode(400).body("error", equalTo("field 'text' is missing"));
    }

    @Test
    void should_document_the_chat_api_in_openapi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/chat")).body(containsString("/bot/dingtalk"));
    }

    @Test
    void should_report_ready() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void should_answer_404_for_an_unknown_run() {
        given().header("Authorization", bearer(LI_LEI)).get("/api/runs/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}
