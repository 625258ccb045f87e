package dev.errand.bot.usage.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class UsageResourceTest {

    @Test
    void should_show_an_admin_the_tenants_month_per_employee() {
        given().header("Authorization", TestKeys.bearer(TestKeys.HAN_MEIMEI)).contentType("application/json")
                .body("{\"text\":\"/order 8812\"}").post("/api/chat").then().statusCode(200);

        given().header("Authorization", TestKeys.bearer(TestKeys.BOSS)).get("/api/usage").then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("runs", greaterThanOrEqualTo(1))
                .body("employees.employee", hasItem("han.meimei"));
        given().header("Authorization", TestKeys.bearer(TestKeys.GLOBEX)).get("/api/usage").then().statusCode(200)
                .body("tenant", equalTo("globex"));
    }

    @Test
    void should_refuse_others_and_name_a_bad_month() {
        given().header("Authorization", TestKeys.bearer(TestKeys.LI_LEI)).get("/api/usage").then().statusCode(403)
                .body("error", containsString("admin"));
        given().header("Authorization", TestKeys.bearer(TestKeys.BOSS)).queryParam("month", "12/2026").get("/api/usage")
                .then().statusCode(400).body("error", containsString("month"));
        given().header("Authorization", TestKeys.bearer(TestKeys.BOSS)).queryParam("month", "2020-01").get("/api/usage")
                .then().statusCode(200).body("runs", equalTo(0)).body("tokens", equalTo(0));
    }
}
