package dev.errand.connectors.shop.taobao;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.ShopSessionExpiredException;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaobaoShopConnectorTest {
    private static final String APP_KEY = "12345678";
    private static final String SECRET = "helloworld";
    private static final String SESSION = "seller-session-1";
    /** 12:00 UTC is 20:00 in TOP's GMT+8. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String TID = "2231958349";

    private static TopFake top;

    @BeforeAll
    static void startFake() {
        top = TopFake.start(CLOCK);
    }

    @AfterAll
    static void stopFake() {
        top.close();
    }

    @BeforeEach
    void resetFake() {
        top.reset();
        top.registerApp(APP_KEY, SECRET, SESSION);
    }

    private static TaobaoShopConnector connector(String secret, String session, Clock clock, Duration timeout) {
        return connector(URI.create(top.endpoint()), secret, session, clock, timeout);
    }

    private static TaobaoShopConnector connector(URI endpoint, String secret, String session, Clock clock, Duration timeout) {
        return new TaobaoShopConnector(new TopSettings(endpoint, APP_KEY, Secret.of(secret), Secret.of(session), timeout), clock);
    }

    private static TaobaoShopConnector connector() {
        return connector(SECRET, SESSION, CLOCK, Duration.ofSeconds(5));
    }

    private static final String TWO_LINE_TRADE = """
            {"tid":2231958349,"status":"WAIT_SELLER_SEND_GOODS","payment":"200.07","buyer_nick":"t***1",
             "orders":{"order":[
               {"oid":2231958350,"title":"Mug","num":1,"price":"120.03","refund_status":"NO_REFUND"},
               {"oid":2231958351,"title":"Coaster","num":4,"price":"20.01","refund_status":"WAIT_SELLER_AGREE"}]}}""";

    @Test
    void should_read_order_with_lines_amounts_and_buyer() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);

        Order order = connector().order(OrderId.of(TID));

        assertThat(order.id()).isEqualTo(OrderId.of(TID));
        assertThat(order.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(order.buyer()).isEqualTo("t***1");
        assertThat(order.total()).isEqualTo(Money.of("200.07", "CNY"));
        assertThat(order.total().amount()).isEqualByComparingTo("200.07").hasScaleOf(2);
        assertThat(order.total().currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(order.lines())
                .extracting(OrderLine::title, OrderLine::quantity, OrderLine::unitPrice, OrderLine::refundStatus)
                .containsExactly(
                        tuple("Mug", 1, Money.of("120.03", "CNY"), "NO_REFUND"),
                        tuple("Coaster", 4, Money.of("20.01", "CNY"), "WAIT_SELLER_AGREE"));
        assertThat(order.lines().get(1).unitPrice().amount()).isEqualTo(new BigDecimal("20.01"));
    }

    @Test
    void should_send_md5_signed_call_with_gmt8_timestamp() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);

        connector().order(OrderId.of(TID));

        assertThat(top.receivedCalls()).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("method", "taobao.trade.fullinfo.get")
                    .containsEntry("app_key", APP_KEY)
                    .containsEntry("session", SESSION)
                    .containsEntry("timestamp", "2026-03-01 20:00:00")
                    .containsEntry("format", "json")
                    .containsEntry("v", "2.0")
                    .containsEntry("sign_method", "md5")
                    .containsEntry("tid", TID);
            assertThat(call.get("fields").split(",")).contains("tid", "status", "payment", "buyer_nick", "orders");
            assertThat(call.get("sign")).matches("[0-9A-F]{32}").isEqualTo(TopSigner.sign(call, SECRET, TopSigner.Method.MD5));
        });
    }

    @Test
    void should_send_system_parameters_in_query_and_business_parameters_in_form_body() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);

        connector().order(OrderId.of(TID));

        top.wireMock().verify(1, postRequestedFor(urlPathEqualTo(TopFake.PATH))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
                .withQueryParam("method", equalTo("taobao.trade.fullinfo.get"))
                .withQueryParam("app_key", equalTo(APP_KEY))
                .withQueryParam("sign", matching("[0-9A-F]{32}"))
                .withQueryParam("tid", absent())
                .withFormParam("tid", equalTo(TID))
                .withFormParam("fields", matching(".*buyer_nick.*")));
    }

    @Test
    void should_parse_plain_order_arrays_of_simplified_trades() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, """
                {"tid":2231958349,"status":"TRADE_FINISHED","payment":"30.00","buyer_nick":"b***",
                 "orders":[{"oid":1,"title":"Tea","num":3,"price":"10.00","refund_status":"NO_REFUND"}]}""");

        Order order = connector().order(OrderId.of(TID));

        assertThat(order.lines()).containsExactly(new OrderLine("Tea", 3, Money.of("10.00", "CNY"), "NO_REFUND"));
        assertThat(order.total()).isEqualTo(Money.of("30.00", "CNY"));
    }

    @Test
    void should_parse_simplified_response_without_root_wrapper() {
        top.stubBody(TID, """
                {"trade":{"tid":2231958349,"status":"WAIT_BUYER_CONFIRM_GOODS","payment":"9.90",
                 "orders":[{"title":"Pen","num":1,"price":"9.90"}]}}""");

        Order order = connector().order(OrderId.of(TID));

        assertThat(order.status()).isEqualTo("WAIT_BUYER_CONFIRM_GOODS");
        assertThat(order.lines()).containsExactly(new OrderLine("Pen", 1, Money.of("9.90", "CNY"), "NO_REFUND"));
    }

    @Test
    void should_report_order_not_found_when_shop_says_trade_does_not_exist() {
        top.stubError("123", 15, "Remote service error", "isv.trade-not-exist", "trade not exist");

        OrderNotFoundException e = catchThrowableOfType(OrderNotFoundException.class,
                () -> connector().order(OrderId.of("123")));

        assertThat(e).hasMessage("order 123 not found");
        assertThat(e.orderId()).isEqualTo(OrderId.of("123"));
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void should_report_order_not_found_when_success_envelope_has_no_trade() {
        top.stubBody("123", "{\"trade_fullinfo_get_response\":{\"request_id\":\"3xk9abc1\"}}");

        OrderNotFoundException e = catchThrowableOfType(OrderNotFoundException.class,
                () -> connector().order(OrderId.of("123")));

        assertThat(e).hasMessage("order 123 not found");
    }

    @Test
    void should_report_order_not_found_for_a_trade_the_fake_shop_does_not_hold() {
        OrderNotFoundException e = catchThrowableOfType(OrderNotFoundException.class,
                () -> connector().order(OrderId.of("999")));

        assertThat(e).hasMessage("order 999 not found");
        assertThat(top.receivedCalls()).singleElement().satisfies(call -> assertThat(call).containsEntry("tid", "999"));
    }

    @Test
    void should_reject_with_the_shops_reason_on_isv_error() {
        top.stubError("123", 15, "Remote service error", "isv.invalid-parameter", "tid is invalid");

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class,
                () -> connector().order(OrderId.of("123")));

        assertThat(e.userMessage()).startsWith("shop rejected the request: ").isEqualTo("shop rejected the request: tid is invalid");
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("15");
        assertThat(e.subCode()).isEqualTo("isv.invalid-parameter");
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.getMessage()).contains("sub_code isv.invalid-parameter", "request_id " + e.requestId());
    }

    @Test
    void should_reject_with_the_error_msg_when_there_is_no_sub_msg() {
        top.stubError("123", 11, "Insufficient isv permissions", null, null);

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class,
                () -> connector().order(OrderId.of("123")));

        assertThat(e.userMessage()).isEqualTo("shop rejected the request: Insufficient isv permissions");
        assertThat(e.code()).isEqualTo("11");
        assertThat(e.retryable()).isFalse();
    }

    @ParameterizedTest(name = "code {0} sub_code {2}")
    @CsvSource({
            "7,  App Call Limited,              accesscontrol.limited-by-app-access-count, This ban will last for 71 more seconds",
            "8,  App Call Exceeds Limited Frequency, ,",
            "10, Service Currently Unavailable, ,",
            "15, Remote service error,          isp.top-remote-connection-timeout,         remote timeout"
    })
    void should_report_shop_unavailable_and_retryable_when_throttled_or_platform_fails(
            int code, String msg, String subCode, String subMsg) {
        top.stubError("123", code, msg, subCode, subMsg);

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().order(OrderId.of("123")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("TOP code " + code);
        assertThat(e.userMessage()).isEqualTo("the shop is not reachable right now, please try again later");
    }

    @Test
    void should_report_shop_unavailable_when_connection_is_refused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TaobaoShopConnector unreachable = connector(URI.create("http://127.0.0.1:" + closedPort + TopFake.PATH),
                SECRET, SESSION, CLOCK, Duration.ofSeconds(5));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> unreachable.order(OrderId.of(TID)));

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void should_report_shop_unavailable_when_shop_does_not_answer_in_time() {
        top.wireMock().stubFor(any(urlPathEqualTo(TopFake.PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(5_000)));
        TaobaoShopConnector impatient = connector(SECRET, SESSION, CLOCK, Duration.ofMillis(200));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> impatient.order(OrderId.of(TID)));

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void should_report_shop_unavailable_when_shop_answers_an_http_error_page() {
        top.wireMock().stubFor(any(urlPathEqualTo(TopFake.PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>502 Bad Gateway</body></html>")));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().order(OrderId.of(TID)));

        assertThat(e.getMessage()).contains("HTTP 502");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void should_report_shop_unavailable_when_trade_amount_is_malformed() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID,
                "{\"tid\":2231958349,\"status\":\"WAIT_SELLER_SEND_GOODS\",\"payment\":\"12.345\",\"orders\":[]}");

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().order(OrderId.of(TID)));

        assertThat(e.getMessage()).contains("malformed trade for order " + TID, "12.345");
    }

    @Test
    void should_reject_with_code_25_when_app_secret_is_wrong() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);
        TaobaoShopConnector wrongSecret = connector("not-the-secret", SESSION, CLOCK, Duration.ofSeconds(5));

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class,
                () -> wrongSecret.order(OrderId.of(TID)));

        assertThat(e.code()).isEqualTo("25");
        assertThat(e.userMessage()).isEqualTo("shop rejected the request: Invalid signature");
        assertThat(e.retryable()).isFalse();
        assertThat(top.receivedCalls()).hasSize(1);
    }

    @Test
    void should_report_session_expired_with_code_27_when_session_is_not_the_sellers() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);
        TaobaoShopConnector otherSeller = connector(SECRET, "expired-session", CLOCK, Duration.ofSeconds(5));

        ShopSessionExpiredException e = catchThrowableOfType(ShopSessionExpiredException.class,
                () -> otherSeller.order(OrderId.of(TID)));

        assertThat(e.code()).isEqualTo("27");
        assertThat(e.retryable()).isFalse();
        assertThat(e.userMessage()).contains("ERRAND_SHOP_SESSION");
        assertThat(e.getMessage()).doesNotContain("expired-session");
        assertThat(top.receivedCalls()).hasSize(1);
    }

    @Test
    void should_reject_with_code_31_when_clock_is_more_than_ten_minutes_off() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);
        Clock fast = Clock.offset(CLOCK, Duration.ofMinutes(11));

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class,
                () -> connector(SECRET, SESSION, fast, Duration.ofSeconds(5)).order(OrderId.of(TID)));

        assertThat(e.code()).isEqualTo("31");
    }

    @Test
    void should_read_order_when_clock_is_less_than_ten_minutes_off() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TWO_LINE_TRADE);
        Clock slow = Clock.offset(CLOCK, Duration.ofMinutes(-9));

        Order order = connector(SECRET, SESSION, slow, Duration.ofSeconds(5)).order(OrderId.of(TID));

        assertThat(order.id()).isEqualTo(OrderId.of(TID));
        assertThat(top.receivedCalls()).singleElement()
                .satisfies(call -> assertThat(call).containsEntry("timestamp", "2026-03-01 19:51:00"));
    }

    @Test
    void should_label_its_data_live() {
        assertThat(connector().origin()).isEqualTo(DataOrigin.LIVE);
    }

    @Test
    void should_not_reveal_secrets_in_the_settings_string() {
        TopSettings settings = new TopSettings(URI.create(top.endpoint()), APP_KEY, Secret.of(SECRET), Secret.of(SESSION), null);

        assertThat(settings.toString()).doesNotContain(SECRET, SESSION);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.appSecret().reveal()).isEqualTo(SECRET);
    }
}
