package dev.errand.bot.chat.api;

import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** list_orders, get_order_refunds and get_logistics in the running app, on the demo shop. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ShopToolsApiTest {

    private static String chat(String text) {
        return given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"" + text + "\"}").post("/api/chat")
                .then().statusCode(200).extract().asString();
    }

    @Test
    void should_list_orders_in_a_status_and_journal_the_typed_result() {
        String runId = given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/orders ALL_CLOSED\"}").post("/api/chat")
                .then().statusCode(200)
                .body("title", equalTo("Orders ALL_CLOSED"))
                .body("text", containsString("- 8814 · TRADE_CLOSED · 349.00 CNY · created 2026-11-25 09:05"))
                .body("text", not(containsString("8812")))
                .body("text", containsString("_Demo data:"))
                .extract().path("runId");

        given().header("Authorization", bearer(LI_LEI)).get("/api/runs/" + runId).then().statusCode(200)
                .body("steps[1].name", equalTo("list_orders"))
                .body("steps[1].input.status", equalTo("ALL_CLOSED"))
                .body("steps[1].result.total", equalTo(1))
                .body("steps[1].result.orders[0].payment.amount", equalTo("349.00"))
                .body("steps[1].result.orders[0].created", equalTo("2026-11-25T01:05:00Z"));
    }

    @Test
    void should_show_refunds_and_track_parcels() {
        org.assertj.core.api.Assertions.assertThat(chat("/refunds 8814")).contains("Refunds of order 8814", "349.00 CNY · SUCCESS");
        org.assertj.core.api.Assertions.assertThat(chat("/track 8815")).contains("SF Express, waybill SF1402938475612");
        org.assertj.core.api.Assertions.assertThat(chat("/track 8812")).contains("Not shipped yet.");
    }

    @Test
    void should_name_the_field_of_a_status_the_shop_does_not_have() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/orders shipped\"}").post("/api/chat")
                .then().statusCode(200).body("format", equalTo("text"))
                .body("text", containsString("Cannot run /orders <status>"))
                .body("text", containsString("status"));
    }
}
