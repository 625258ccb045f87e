package dev.errand.bot.payments.alipay;

import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway.Fault;
import dev.errand.tools.ToolContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Payments on the (fake) Alipay gateway from the chat API: signed both ways, nothing refunded twice. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
@QuarkusTestResource(value = AlipayGatewayResource.class, restrictToAnnotatedClass = true)
class AlipayChatTest {

    private static String say(String text) {
        return given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body(Map.of("text", text)).post("/api/chat")
                .then().statusCode(200).extract().asString();
    }

    @Test
    void should_show_the_alipay_payment_of_an_order_as_live_data() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body(Map.of("text", "/payment 8812")).post("/api/chat")
                .then().statusCode(200)
                .body("text", containsString("- Trade no: 2026112622001400001"))
                .body("text", containsString("- Amount: 120.00 CNY"))
                .body("text", not(containsString("Demo data")));
    }

    @Test
    void should_refund_once_under_the_runs_key_when_the_first_refund_call_times_out() {
        FakeAlipayGateway gateway = AlipayGatewayResource.gateway();
        int before = gateway.refundsMade().size();
        gateway.failNext("alipay.trade.refund", Fault.TIMEOUT);

        String reply = given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body(Map.of("text", "/refund 8812 30.00 CNY parcel lost")).post("/api/chat")
                .then().statusCode(200).body("text", containsString("30.00 CNY")).extract().asString();

        List<FakeAlipayGateway.MadeRefund> made = gateway.refundsMade();
        assertThat(made).hasSize(before + 1);
        String requestNo = made.get(made.size() - 1).outRequestNo();
        UUID runId = UUID.fromString(io.restassured.path.json.JsonPath.from(reply).getString("runId"));
        assertThat(requestNo).as("the out_request_no is the step's idempotency key")
                .isEqualTo(ToolContext.idempotencyKey(runId, "s1"));
        List<String> calls = gateway.requests().stream()
                .filter(r -> r.getOrDefault("biz_content", "").contains(requestNo))
                .map(r -> r.get("method")).toList();
        assertThat(calls).containsExactly("alipay.trade.refund", "alipay.trade.fastpay.refund.query",
                "alipay.trade.refund");
    }

    @Test
    void should_tell_the_employee_when_the_trade_cannot_be_refunded() {
        String reply = say("/refund 8814 10.00 CNY parcel lost");
        assertThat(reply).contains("cannot be refunded");
        assertThat(AlipayGatewayResource.gateway().refundsMade()).noneMatch(r -> r.outTradeNo().equals("8814"));
    }
}
