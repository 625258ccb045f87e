package dev.errand.bot.payments.alipay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.TestKeys;
import dev.errand.connectors.payments.alipay.AlipayNotification;
import dev.errand.connectors.payments.alipay.AlipaySignatures;
import dev.errand.connectors.testkit.alipay.AlipayTestKeys;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;
import dev.errand.money.Money;
import dev.errand.workflows.engine.Database;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Alipay's asynchronous notifications through the running app, on PostgreSQL and RabbitMQ. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
@TestProfile(AlipayNotifyTest.AlipayConfigured.class)
class AlipayNotifyTest {

    /** A complete ERRAND_PAY_* configuration with the TEST-ONLY keys; the gateway itself is not called here. */
    public static class AlipayConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("errand.pay.base-url", "http://127.0.0.1:9/gateway.do",
                    "errand.pay.app-id", FakeAlipayGateway.APP_ID,
                    "errand.pay.app-private-key", AlipayTestKeys.APP_PRIVATE_PEM,
                    "errand.pay.platform-public-key", AlipayTestKeys.platformPublicBase64());
        }
    }

    @Inject
    Database database;

    @Inject
    NotificationsSeen notifications;

    private static Map<String, String> fields(String notifyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", "2026-01-01 12:00:05");
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", notifyId);
        fields.put("app_id", FakeAlipayGateway.APP_ID);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("trade_no", "2026010122001400000000000001");
        fields.put("out_trade_no", "8812");
        fields.put("buyer_id", "2088102177846875");
        fields.put("buyer_logon_id", "tes***@example.com");
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", "120.00");
        fields.put("subject", "杯子 & 碟");
        fields.put("gmt_payment", "2026-01-01 12:00:00");
        return fields;
    }

    private static String signedForm(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign_type", "RSA2");
        signed.put("sign", FakeAlipayGateway.signNotification(fields));
        return form(signed);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String post(String body, int status) {
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body)
                .when().post("/connectors/alipay/notify")
                .then().statusCode(status).contentType(startsWith("text/plain")).extract().asString();
    }

    private int rows(String notifyId) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM payment_notification WHERE platform = 'alipay' AND notify_id = ?")) {
                s.setString(1, notifyId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    private long seen(String notifyId) {
        return notifications.seen().stream().filter(n -> n.notifyId().equals(notifyId)).count();
    }

    @Test
    void should_record_a_signed_notification_publish_it_and_answer_exactly_success() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");

        assertThat(post(signedForm(fields(notifyId)), 200)).isEqualTo("success");

        assertThat(rows(notifyId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(notifyId) == 1);
        AlipayNotification event = notifications.seen().stream().filter(n -> n.notifyId().equals(notifyId))
                .findFirst().orElseThrow();
        assertThat(event.outTradeNo()).isEqualTo("8812");
        assertThat(event.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(event.totalAmount()).isEqualTo(Money.of("120.00", "CNY"));
        assertThat(event.toString()).as("buyer ids are personal data").doesNotContain("2088102177846875");
    }

    @Test
    void should_record_a_redelivered_notify_id_once_and_still_answer_success() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        String body = signedForm(fields(notifyId));

        assertThat(post(body, 200)).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(notifyId) == 1);
        assertThat(post(body, 200)).isEqualTo("success");

        assertThat(rows(notifyId)).isEqualTo(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> seen(notifyId) == 1);
    }

    @Test
    void should_refuse_a_forged_notification_and_record_nothing() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = fields(notifyId);
        String sign = FakeAlipayGateway.signNotification(fields);
        fields.put("total_amount", "12000.00");
        fields.put("sign_type", "RSA2");
        fields.put("sign", sign);

        given().contentType("application/x-www-form-urlencoded").body(form(fields))
                .when().post("/connectors/alipay/notify").then().statusCode(400).body(equalTo("failure"));
        assertThat(rows(notifyId)).isZero();
    }

    @Test
    void should_refuse_a_notification_signed_with_another_key_or_unsigned() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = fields(notifyId);
        Map<String, String> appSigned = new LinkedHashMap<>(fields);
        appSigned.put("sign_type", "RSA2");
        appSigned.put("sign", AlipaySignatures.signNotification(fields,
                AlipaySignatures.privateKey(AlipayTestKeys.APP_PRIVATE_PEM, "app key")));

        assertThat(post(form(appSigned), 400)).isEqualTo("failure");
        assertThat(post(form(fields), 400)).isEqualTo("failure");
        assertThat(post("", 400)).isEqualTo("failure");
        assertThat(rows(notifyId)).isZero();
    }

    @Test
    void should_refuse_a_notification_for_another_app_even_when_signed() {
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = fields(notifyId);
        fields.put("app_id", "2021009999999999");

        assertThat(post(signedForm(fields), 400)).isEqualTo("failure");
        assertThat(rows(notifyId)).isZero();
    }

    @Test
    void should_need_no_api_key() {
        given().contentType("application/x-www-form-urlencoded").body("a=b")
                .when().post("/connectors/alipay/notify").then().statusCode(400).body(equalTo("failure"));
    }

    @Test
    void should_show_admins_each_recorded_notification_once_and_no_one_else() {
        String order = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String notifyId = "N" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = fields(notifyId);
        fields.put("out_trade_no", order);
        String body = signedForm(fields);
        assertThat(post(body, 200)).isEqualTo("success");
        assertThat(post(body, 200)).isEqualTo("success");

        var listed = given().header("Authorization", TestKeys.bearer(TestKeys.BOSS)).queryParam("orderId", order)
                .when().get("/api/payments/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("notifyId")).containsExactly(notifyId);
        assertThat(listed.getString("[0].totalAmount")).isEqualTo("120.00");
        assertThat(listed.getString("[0].tradeStatus")).isEqualTo("TRADE_SUCCESS");
        assertThat(listed.prettify()).as("buyer ids are personal data").doesNotContain("2088102177846875");

        given().header("Authorization", TestKeys.bearer(TestKeys.LI_LEI)).when().get("/api/payments/notifications")
                .then().statusCode(403);
        given().header("Authorization", TestKeys.bearer(TestKeys.BOSS)).queryParam("orderId", "x' OR 1=1")
                .when().get("/api/payments/notifications").then().statusCode(400).body(org.hamcrest.Matchers.containsString("orderId"));
    }
}
