package dev.errand.connectors.shop.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.ShopException;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.ShopSessionExpiredException;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.testkit.ConnectorTestKit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Taobao shop connector under the test kit's faults: an answer that is not a TOP response is
 * "unavailable", never "order not found"; isp.* and call limits are retried, isv.* and sessions never.
 * (It lives here because the kit depends on errand-connectors, so errand-connectors' own tests cannot use it.)
 */
class TaobaoShopFaultsTest {
    @RegisterExtension
    static ConnectorTestKit shop = ConnectorTestKit.create();

    static final String PATH = "/router/rest";
    static final String SECRET = "helloworld";
    static final String SESSION = "seller-session-7d1c";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final OrderId ORDER = OrderId.of("8812");
    static final String TRADE = """
            {"trade_fullinfo_get_response":{"trade":{"tid":8812,"status":"WAIT_SELLER_SEND_GOODS","payment":"120.00",
             "buyer_nick":"t***1","orders":{"order":[{"title":"Mug","num":1,"price":"120.00","refund_status":"NO_REFUND"}]}},
             "request_id":"3xk9abc1"}}""";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private TaobaoShopConnector connector(Duration timeout) {
        return new TaobaoShopConnector(new TopSettings(shop.url(PATH), "12345678", Secret.of(SECRET),
                Secret.of(SESSION), timeout), CLOCK, meters);
    }

    private ShopException failure() {
        return catchThrowableOfType(ShopException.class, () -> connector(Duration.ofSeconds(2)).order(ORDER));
    }

    @AfterEach
    void everyCallIsSignedLikeTop() {
        if (!shop.calls().isEmpty()) {
            shop.assertEveryCall("carry a valid md5 TOP signature",
                    call -> call.param("sign_method").orElse("").equals("md5") && TopSigner.verify(call.params(), SECRET));
        }
    }

    private static String error(int code, String msg, String subCode) {
        return "{\"error_response\":{\"code\":" + code + ",\"msg\":\"" + msg + "\""
                + (subCode == null ? "" : ",\"sub_code\":\"" + subCode + "\",\"sub_msg\":\"details\"")
                + ",\"request_id\":\"r1\"}}";
    }

    @Test
    void should_read_the_order_from_a_top_envelope() {
        shop.answerJson(PATH, TRADE);

        Order order = connector(Duration.ofSeconds(2)).order(ORDER);

        assertThat(order.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(shop.onlyCall().form()).containsEntry("tid", "8812");
    }

    @Test
    void should_say_unavailable_not_order_not_found_when_the_gateway_answers_an_unexpected_shape() {
        shop.unexpectedShape(PATH);

        ShopException e = failure();

        assertThat(e).isInstanceOf(ShopUnavailableException.class).isNotInstanceOf(OrderNotFoundException.class);
        assertThat(e.userMessage()).doesNotContain("not found").contains("not reachable");
    }

    @Test
    void should_say_unavailable_when_the_gateway_answers_an_empty_object() {
        shop.answerJson(PATH, "{}");

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
    }

    @Test
    void should_say_unavailable_when_the_gateway_answers_garbage() {
        shop.garbage(PATH);

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
    }

    @Test
    void should_say_unavailable_when_the_gateway_answers_an_html_error_page_with_status_200() {
        shop.htmlErrorPage(PATH, 200);

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
    }

    @Test
    void should_say_unavailable_when_the_gateway_answers_malformed_json() {
        shop.malformedJson(PATH);

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
    }

    @Test
    void should_say_unavailable_when_a_simplified_answer_has_no_trade() {
        shop.answerJson(PATH, "{\"items\":{\"item\":[]}}");

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
    }

    @Test
    void should_retry_a_burst_of_5xx_and_read_the_order() {
        shop.serverErrors(PATH, 2, 502, TRADE);

        assertThat(connector(Duration.ofSeconds(2)).order(ORDER).id()).isEqualTo(ORDER);
        shop.assertCallCount(3);
    }

    @Test
    void should_say_unavailable_after_retrying_a_connection_reset() {
        shop.connectionReset(PATH);

        assertThat(failure()).isInstanceOf(ShopUnavailableException.class);
        shop.assertCallCount(3);
    }

    @Test
    void should_say_unavailable_after_retrying_a_delay_beyond_the_timeout() {
        shop.delay(PATH, Duration.ofSeconds(2), TRADE);

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector(Duration.ofMillis(250)).order(ORDER));

        assertThat(e).hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        shop.assertCallCount(3);
    }

    @Test
    void should_retry_an_isp_error_with_backoff() {
        shop.answerJson(PATH, error(15, "Remote service error", "isp.top-remote-connection-timeout"));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector(Duration.ofSeconds(2)).order(ORDER));

        assertThat(e.retryable()).isTrue();
        shop.assertCallCount(3);
    }

    @Test
    void should_retry_a_call_limit_and_count_it_as_rate_limited() {
        shop.answerJson(PATH, error(7, "App Call Limited", "accesscontrol.limited-by-app-access-count"));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector(Duration.ofSeconds(2)).order(ORDER));

        assertThat(e.getMessage()).contains("throttling");
        shop.assertCallCount(3);
        assertThat(meters.get("errand.connector.failures").tag("kind", "rate_limited").counter().count()).isEqualTo(1);
    }

    @Test
    void should_never_retry_an_isv_error() {
        shop.answerJson(PATH, error(15, "Remote service error", "isv.invalid-parameter"));

        assertThat(failure()).isInstanceOf(ShopRejectedException.class);
        shop.assertCallCount(1);
    }

    @Test
    void should_report_an_expired_session_as_its_own_error_naming_what_to_renew() {
        shop.answerJson(PATH, error(27, "Invalid session", "session-expired"));

        ShopSessionExpiredException e = catchThrowableOfType(ShopSessionExpiredException.class,
                () -> connector(Duration.ofSeconds(2)).order(ORDER));

        assertThat(e.retryable()).isFalse();
        assertThat(e.userMessage()).contains("ERRAND_SHOP_SESSION");
        assertThat(e.getMessage()).contains("ERRAND_SHOP_SESSION").doesNotContain(SESSION);
        shop.assertCallCount(1);
    }

    @Test
    void should_say_not_found_only_when_top_says_so_in_its_own_format() {
        shop.answerJson(PATH, error(15, "Remote service error", "isv.trade-not-exist"));

        assertThat(failure()).isInstanceOf(OrderNotFoundException.class);
        shop.assertCallCount(1);
    }

    @Test
    void should_keep_the_app_secret_and_session_out_of_every_failure_message() {
        shop.garbage(PATH);

        ShopException e = failure();

        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain(SESSION);
        }
    }
}
