package dev.errand.connectors.shop.taobao;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderListing;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.OrderPage;
import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.OrderStatusFilter;
import dev.errand.connectors.shop.RefundStatus;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.shop.TraceStep;
import dev.errand.connectors.shop.TradeStatus;
import dev.errand.money.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listings, refunds and parcels against the TOP fake: every call is md5-signed and checked by the fake like the
 * platform would (protocols/taobao-top.md §3), answers are in TOP's envelope (§4, §7).
 */
class TaobaoShopReadsTest {
    private static final String APP_KEY = "12345678";
    private static final String SECRET = "helloworld";
    private static final String SESSION = "seller-session-1";
    /** 12:00 UTC is 20:00 in TOP's GMT+8. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String TID = "2231958349";
    private static final OrderId ORDER = OrderId.of(TID);

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

    private static TaobaoShopConnector connector() {
        return new TaobaoShopConnector(new TopSettings(URI.create(top.endpoint()), APP_KEY, Secret.of(SECRET),
                Secret.of(SESSION), Duration.ofSeconds(5)), CLOCK);
    }

    /** Answers calls of {@code method} whose decoded parameters include {@code match} with {@code body}, verbatim. */
    private static void stub(String method, Map<String, String> match, String body) {
        top.wireMock().stubFor(any(urlPathEqualTo(TopFake.PATH))
                .andMatching(request -> {
                    Map<String, String> p = params(request);
                    return MatchResult.of(method.equals(p.get("method"))
                            && match.entrySet().stream().allMatch(e -> Objects.equals(p.get(e.getKey()), e.getValue())));
                })
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody(body)));
    }

    private static Map<String, String> params(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        Map<String, String> p = TopFake.decodeForm(query < 0 ? "" : url.substring(query + 1));
        p.putAll(TopFake.decodeForm(request.getBodyAsString()));
        return p;
    }

    private static String error(int code, String msg, String subCode, String subMsg) {
        return "{\"error_response\":{\"code\":" + code + ",\"msg\":\"" + msg + "\",\"sub_code\":\"" + subCode
                + "\",\"sub_msg\":\"" + subMsg + "\",\"request_id\":\"z26ff3dm7zpy\"}}";
    }

    private static void assertSignedByUs(Map<String, String> call) {
        assertThat(call).containsEntry("app_key", APP_KEY).containsEntry("session", SESSION)
                .containsEntry("timestamp", "2026-03-01 20:00:00").containsEntry("sign_method", "md5")
                .containsEntry("format", "json").containsEntry("v", "2.0");
        assertThat(call.get("sign")).matches("[0-9A-F]{32}").isEqualTo(TopSigner.sign(call, SECRET, TopSigner.Method.MD5));
    }

    // ---- taobao.trades.sold.get

    private static final String TWO_TRADES = """
            {"trades_sold_get_response":{"total_results":25,"trades":{"trade":[
              {"tid":2231958349,"status":"WAIT_SELLER_SEND_GOODS","payment":"200.07","created":"2026-02-27 23:59:59",
               "buyer_nick":"t***1","orders":{"order":[{"oid":2231958350,"title":"Mug","num":2,"price":"100.03",
               "refund_status":"NO_REFUND"}]}},
              {"tid":2231958001,"status":"TRADE_FINISHED","payment":"9.90","created":"2026-02-01 00:00:00",
               "buyer_nick":"b***","orders":{"order":[{"oid":2231958002,"title":"Pen","num":1,"price":"9.90"}]}}]},
              "request_id":"3xk9abc1"}}""";

    @Test
    void should_list_orders_by_status_time_range_and_page_in_tops_parameters() {
        stub("taobao.trades.sold.get", Map.of("page_no", "2"), TWO_TRADES);
        // 2026-02-01 00:00:00 and 2026-02-28 23:59:59 in GMT+8
        OrderQuery query = OrderQuery.newest().withStatus(OrderStatusFilter.WAIT_SELLER_SEND_GOODS)
                .createdBetween(Instant.parse("2026-01-31T16:00:00Z"), Instant.parse("2026-02-28T15:59:59Z")).page(2, 10);

        connector().orders(query);

        assertThat(top.receivedCalls()).singleElement().satisfies(call -> {
            assertSignedByUs(call);
            assertThat(call).containsEntry("method", "taobao.trades.sold.get")
                    .containsEntry("status", "WAIT_SELLER_SEND_GOODS")
                    .containsEntry("start_created", "2026-02-01 00:00:00")
                    .containsEntry("end_created", "2026-02-28 23:59:59")
                    .containsEntry("page_no", "2")
                    .containsEntry("page_size", "10")
                    .doesNotContainKey("use_has_next");
            assertThat(call.get("fields").split(",")).contains("tid", "status", "payment", "created", "buyer_nick", "orders");
        });
        top.wireMock().verify(1, postRequestedFor(urlPathEqualTo(TopFake.PATH))
                .withQueryParam("method", equalTo("taobao.trades.sold.get"))
                .withQueryParam("status", absent())
                .withFormParam("status", equalTo("WAIT_SELLER_SEND_GOODS"))
                .withFormParam("start_created", equalTo("2026-02-01 00:00:00"))
                .withFormParam("page_size", equalTo("10"))
                .withQueryParam("sign", matching("[0-9A-F]{32}")));
    }

    @Test
    void should_read_trades_with_amounts_creation_times_statuses_and_lines() {
        stub("taobao.trades.sold.get", Map.of(), TWO_TRADES);

        OrderPage page = connector().orders(OrderQuery.newest().page(2, 10));

        assertThat(page.orders()).extracting(OrderListing::id, OrderListing::status, OrderListing::payment,
                        OrderListing::created, OrderListing::buyer)
                .containsExactly(
                        tuple(OrderId.of("2231958349"), TradeStatus.WAIT_SELLER_SEND_GOODS, Money.of("200.07", "CNY"),
                                Instant.parse("2026-02-27T15:59:59Z"), "t***1"),
                        tuple(OrderId.of("2231958001"), TradeStatus.TRADE_FINISHED, Money.of("9.90", "CNY"),
                                Instant.parse("2026-01-31T16:00:00Z"), "b***"));
        assertThat(page.orders().get(0).lines()).containsExactly(new OrderLine("Mug", 2, Money.of("100.03", "CNY"), "NO_REFUND"));
        assertThat(page.orders().get(1).lines()).containsExactly(new OrderLine("Pen", 1, Money.of("9.90", "CNY"), "NO_REFUND"));
        assertThat(page.total()).isEqualTo(25);
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.pageSize()).isEqualTo(10);
        assertThat(page.hasNext()).as("20 of 25 seen").isTrue();
    }

    @Test
    void should_say_there_is_no_next_page_when_the_last_page_is_reached() {
        stub("taobao.trades.sold.get", Map.of(), TWO_TRADES);

        assertThat(connector().orders(OrderQuery.newest().page(3, 10)).hasNext()).as("30 >= 25").isFalse();
        assertThat(connector().orders(OrderQuery.newest().page(1, 25)).hasNext()).as("25 >= 25").isFalse();
        assertThat(connector().orders(OrderQuery.newest().page(1, 24)).hasNext()).isTrue();
    }

    @Test
    void should_take_has_next_from_the_shop_when_it_sends_it() {
        stub("taobao.trades.sold.get", Map.of(), """
                {"trades_sold_get_response":{"total_results":2,"has_next":true,"trades":{"trade":[]},"request_id":"r"}}""");

        assertThat(connector().orders(OrderQuery.newest()).hasNext()).isTrue();
    }

    @Test
    void should_send_no_status_or_range_when_the_query_has_none() {
        stub("taobao.trades.sold.get", Map.of(), TWO_TRADES);

        connector().orders(OrderQuery.newest());

        assertThat(top.receivedCalls()).singleElement().satisfies(call -> assertThat(call)
                .doesNotContainKeys("status", "start_created", "end_created")
                .containsEntry("page_no", "1").containsEntry("page_size", String.valueOf(OrderQuery.DEFAULT_PAGE_SIZE)));
    }

    @Test
    void should_send_tops_group_status_for_all_closed() {
        stub("taobao.trades.sold.get", Map.of("status", "ALL_CLOSED"), TWO_TRADES);

        connector().orders(OrderQuery.newest().withStatus(OrderStatusFilter.ALL_CLOSED));

        assertThat(top.receivedCalls()).singleElement().satisfies(call -> assertThat(call).containsEntry("status", "ALL_CLOSED"));
    }

    @Test
    void should_read_a_status_the_platform_added_later_as_unknown() {
        stub("taobao.trades.sold.get", Map.of(), """
                {"trades_sold_get_response":{"total_results":1,"trades":{"trade":[
                  {"tid":77,"status":"WAIT_SELLER_STOCK_UP","payment":"1.00","created":"2026-02-27 10:00:00"}]},
                  "request_id":"r"}}""");

        OrderPage page = connector().orders(OrderQuery.newest());

        assertThat(page.orders()).singleElement().satisfies(order -> {
            assertThat(order.status()).isEqualTo(TradeStatus.UNKNOWN);
            assertThat(order.lines()).isEmpty();
            assertThat(order.buyer()).isEmpty();
        });
    }

    @Test
    void should_answer_an_empty_page_when_top_leaves_out_the_trades() {
        stub("taobao.trades.sold.get", Map.of(), "{\"trades_sold_get_response\":{\"total_results\":0,\"request_id\":\"r\"}}");

        OrderPage page = connector().orders(OrderQuery.newest());

        assertThat(page.orders()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void should_read_simplified_plain_arrays() {
        stub("taobao.trades.sold.get", Map.of(), """
                {"total_results":1,"trades":[{"tid":5,"status":"TRADE_CLOSED","payment":"3.00",
                 "created":"2026-02-20 08:00:00","orders":[{"title":"Tea","num":1,"price":"3.00","refund_status":"SUCCESS"}]}]}""");

        OrderPage page = connector().orders(OrderQuery.newest());

        assertThat(page.orders()).singleElement().satisfies(order -> {
            assertThat(order.status()).isEqualTo(TradeStatus.TRADE_CLOSED);
            assertThat(order.lines()).containsExactly(new OrderLine("Tea", 1, Money.of("3.00", "CNY"), "SUCCESS"));
        });
    }

    @Test
    void should_report_unavailable_when_the_listing_has_no_count() {
        stub("taobao.trades.sold.get", Map.of(), "{\"trades_sold_get_response\":{\"request_id\":\"r\"}}");

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().orders(OrderQuery.newest()));

        assertThat(e.getMessage()).contains("malformed order listing", "total_results");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void should_report_unavailable_when_a_listed_trade_has_a_three_decimal_amount_or_a_bad_time() {
        stub("taobao.trades.sold.get", Map.of("page_no", "1"), """
                {"trades_sold_get_response":{"total_results":1,"trades":{"trade":[
                  {"tid":77,"status":"TRADE_FINISHED","payment":"1.005","created":"2026-02-27 10:00:00"}]}}}""");
        stub("taobao.trades.sold.get", Map.of("page_no", "2"), """
                {"trades_sold_get_response":{"total_results":1,"trades":{"trade":[
                  {"tid":77,"status":"TRADE_FINISHED","payment":"1.00","created":"2026-02-30 10:00:00"}]}}}""");

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().orders(OrderQuery.newest())))
                .hasMessageContaining("1.005");
        assertThat(catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().orders(OrderQuery.newest().page(2, 20))))
                .hasMessageContaining("created '2026-02-30 10:00:00'");
    }

    @Test
    void should_report_unavailable_when_trades_is_neither_list_nor_wrapper() {
        stub("taobao.trades.sold.get", Map.of(), "{\"trades_sold_get_response\":{\"total_results\":1,\"trades\":\"none\"}}");

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().orders(OrderQuery.newest())))
                .hasMessageContaining("trades");
    }

    @Test
    void should_report_unavailable_when_the_gateway_answers_html() {
        top.wireMock().stubFor(any(urlPathEqualTo(TopFake.PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Service maintenance</body></html>")));

        ShopUnavailableException e = catchThrowableOfType(ShopUnavailableException.class,
                () -> connector().orders(OrderQuery.newest()));

        assertThat(e.retryable()).isTrue();
    }

    @Test
    void should_reject_with_the_shops_reason_when_the_range_is_refused() {
        stub("taobao.trades.sold.get", Map.of(), error(15, "Remote service error", "isv.invalid-parameter",
                "start_created is more than 3 months ago"));

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class,
                () -> connector().orders(OrderQuery.newest()));

        assertThat(e.userMessage()).isEqualTo("shop rejected the request: start_created is more than 3 months ago");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void should_never_report_a_listing_as_order_not_found() {
        stub("taobao.trades.sold.get", Map.of(), error(15, "Remote service error", "isv.trade-not-exist", "no trade"));

        assertThat(catchThrowableOfType(ShopRejectedException.class, () -> connector().orders(OrderQuery.newest())))
                .isNotNull();
    }

    @Test
    void should_report_unavailable_on_a_platform_fault() {
        stub("taobao.trades.sold.get", Map.of(), error(15, "Remote service error", "isp.top-remote-connection-timeout", "timeout"));

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().orders(OrderQuery.newest()))
                .retryable()).isTrue();
    }

    // ---- refunds: taobao.trade.fullinfo.get for the refund ids, taobao.refund.get for each

    private static final String TRADE_WITH_REFUNDS = """
            {"tid":2231958349,"orders":{"order":[
              {"oid":2231958350,"title":"Mug","refund_status":"WAIT_SELLER_AGREE","refund_id":7001},
              {"oid":2231958351,"title":"Coaster","refund_status":"NO_REFUND"},
              {"oid":2231958352,"title":"Spoon","refund_status":"SUCCESS","refund_id":"6999"}]}}""";

    private static String refund(String refundId, String oid, String title, String status, String fee, String created) {
        return "{\"refund_get_response\":{\"refund\":{\"refund_id\":" + refundId + ",\"tid\":2231958349,\"oid\":" + oid
                + ",\"title\":\"" + title + "\",\"status\":\"" + status + "\",\"refund_fee\":\"" + fee
                + "\",\"reason\":\"Damaged in transit\",\"has_good_return\":true,\"created\":\"" + created
                + "\",\"modified\":\"2026-02-28 12:00:00\"},\"request_id\":\"r\"}}";
    }

    @Test
    void should_read_each_refund_named_by_the_trades_sub_orders_oldest_first() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TRADE_WITH_REFUNDS);
        stub("taobao.refund.get", Map.of("refund_id", "7001"),
                refund("7001", "2231958350", "Mug", "WAIT_SELLER_AGREE", "100.03", "2026-02-27 09:00:00"));
        stub("taobao.refund.get", Map.of("refund_id", "6999"),
                refund("6999", "2231958352", "Spoon", "SUCCESS", "5.00", "2026-02-20 09:00:00"));

        List<ShopRefund> refunds = connector().refunds(ORDER);

        assertThat(refunds).extracting(ShopRefund::refundId, ShopRefund::item, ShopRefund::status, ShopRefund::amount,
                        ShopRefund::created)
                .containsExactly(
                        tuple("6999", "Spoon", RefundStatus.SUCCESS, Money.of("5.00", "CNY"), Instant.parse("2026-02-20T01:00:00Z")),
                        tuple("7001", "Mug", RefundStatus.WAIT_SELLER_AGREE, Money.of("100.03", "CNY"),
                                Instant.parse("2026-02-27T01:00:00Z")));
        assertThat(refunds.get(0)).satisfies(r -> {
            assertThat(r.orderId()).isEqualTo(ORDER);
            assertThat(r.reason()).isEqualTo("Damaged in transit");
            assertThat(r.goodsReturned()).isTrue();
            assertThat(r.modified()).isEqualTo(Instant.parse("2026-02-28T04:00:00Z"));
        });
        assertThat(top.receivedCalls()).hasSize(3).allSatisfy(TaobaoShopReadsTest::assertSignedByUs);
        assertThat(top.receivedCalls().get(0)).containsEntry("method", "taobao.trade.fullinfo.get").containsEntry("tid", TID);
        assertThat(top.receivedCalls().subList(1, 3)).allSatisfy(call -> {
            assertThat(call).containsEntry("method", "taobao.refund.get").doesNotContainKey("tid");
            assertThat(call.get("fields").split(",")).contains("refund_id", "tid", "status", "refund_fee", "created");
        });
    }

    @Test
    void should_answer_no_refunds_with_one_call_when_no_sub_order_has_one() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, """
                {"tid":2231958349,"orders":{"order":[{"oid":1,"title":"Mug","refund_status":"NO_REFUND"}]}}""");

        assertThat(connector().refunds(ORDER)).isEmpty();
        assertThat(top.receivedCalls()).hasSize(1);
    }

    @Test
    void should_report_order_not_found_for_the_refunds_of_a_missing_trade() {
        OrderNotFoundException e = catchThrowableOfType(OrderNotFoundException.class,
                () -> connector().refunds(OrderId.of("999")));

        assertThat(e.orderId()).isEqualTo(OrderId.of("999"));
    }

    @Test
    void should_read_an_exchange_or_new_refund_state_as_unknown() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TRADE_WITH_REFUNDS);
        stub("taobao.refund.get", Map.of("refund_id", "7001"),
                refund("7001", "2231958350", "Mug", "EXCHANGE_WAIT_BUYER_CONFIRM_GOODS", "100.03", "2026-02-27 09:00:00"));
        stub("taobao.refund.get", Map.of("refund_id", "6999"),
                refund("6999", "2231958352", "Spoon", "CLOSED", "5.00", "2026-02-20 09:00:00"));

        assertThat(connector().refunds(ORDER)).extracting(ShopRefund::status)
                .containsExactly(RefundStatus.CLOSED, RefundStatus.UNKNOWN);
    }

    @Test
    void should_report_unavailable_when_a_named_refund_is_not_found_or_belongs_elsewhere() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TRADE_WITH_REFUNDS);
        stub("taobao.refund.get", Map.of("refund_id", "7001"),
                refund("7001", "2231958350", "Mug", "WAIT_SELLER_AGREE", "100.03", "2026-02-27 09:00:00"));
        stub("taobao.refund.get", Map.of("refund_id", "6999"), error(15, "Remote service error", "isv.refund-not-exist", "no refund"));

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().refunds(ORDER)))
                .hasMessageContaining("refund 6999");

        stub("taobao.refund.get", Map.of("refund_id", "6999"),
                refund("6999", "2231958352", "Spoon", "SUCCESS", "5.00", "2026-02-20 09:00:00").replace("2231958349", "1"));

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().refunds(ORDER)))
                .hasMessageContaining("another order");
    }

    @Test
    void should_report_unavailable_rather_than_no_refunds_when_the_trade_has_no_sub_orders() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, "{\"tid\":2231958349}");

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().refunds(ORDER)))
                .hasMessageContaining("without sub-orders");
        assertThat(top.receivedCalls()).hasSize(1);
    }

    @Test
    void should_report_unavailable_when_refund_get_answers_without_a_refund() {
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, TRADE_WITH_REFUNDS);
        stub("taobao.refund.get", Map.of(), "{\"refund_get_response\":{\"request_id\":\"r\"}}");

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().refunds(ORDER)))
                .hasMessageContaining("refund is missing");
    }

    // ---- taobao.logistics.trace.search

    private static final String TRACE = """
            {"logistics_trace_search_response":{"tid":2231958349,"out_sid":"SF1402938475612","company_name":"SF Express",
             "status":"在途中","trace_list":{"transit_step_info":[
               {"status_time":"2026-02-28 04:18:00","status_desc":"Arrived at Beijing hub","action":"ARRIVE"},
               {"status_time":"2026-02-27 10:05:00","status_desc":"Collected in Shenzhen","action":"TMS_ACCEPT"}]},
             "request_id":"r"}}""";

    @Test
    void should_read_the_trace_oldest_step_first_in_gmt8() {
        stub("taobao.logistics.trace.search", Map.of("tid", TID), TRACE);

        LogisticsTrace trace = connector().logistics(ORDER);

        assertThat(trace.orderId()).isEqualTo(ORDER);
        assertThat(trace.waybillNo()).isEqualTo("SF1402938475612");
        assertThat(trace.carrier()).isEqualTo("SF Express");
        assertThat(trace.status()).isEqualTo("在途中");
        assertThat(trace.shipped()).isTrue();
        assertThat(trace.steps()).extracting(TraceStep::time, TraceStep::description, TraceStep::action).containsExactly(
                tuple(Instant.parse("2026-02-27T02:05:00Z"), "Collected in Shenzhen", "TMS_ACCEPT"),
                tuple(Instant.parse("2026-02-27T20:18:00Z"), "Arrived at Beijing hub", "ARRIVE"));
        assertThat(top.receivedCalls()).singleElement().satisfies(call -> {
            assertSignedByUs(call);
            assertThat(call).containsEntry("method", "taobao.logistics.trace.search").containsEntry("tid", TID);
        });
    }

    @Test
    void should_read_a_shipped_parcel_without_steps_yet() {
        stub("taobao.logistics.trace.search", Map.of(), """
                {"logistics_trace_search_response":{"tid":2231958349,"out_sid":"ZTO1","company_name":"ZTO Express"}}""");

        LogisticsTrace trace = connector().logistics(ORDER);

        assertThat(trace.waybillNo()).isEqualTo("ZTO1");
        assertThat(trace.steps()).isEmpty();
        assertThat(trace.shipped()).isTrue();
    }

    @Test
    void should_answer_not_shipped_when_there_is_no_trace_but_the_order_exists() {
        stub("taobao.logistics.trace.search", Map.of(), error(15, "Remote service error", "isv.logistics-trace-not-exist", "no trace"));
        top.stubTrade(APP_KEY, SECRET, SESSION, TID, "{\"tid\":2231958349,\"status\":\"WAIT_SELLER_SEND_GOODS\","
                + "\"payment\":\"1.00\",\"orders\":[]}");

        LogisticsTrace trace = connector().logistics(ORDER);

        assertThat(trace).isEqualTo(LogisticsTrace.notShipped(ORDER));
        assertThat(trace.shipped()).isFalse();
        assertThat(top.receivedCalls()).extracting(call -> call.get("method"))
                .containsExactly("taobao.logistics.trace.search", "taobao.trade.fullinfo.get");
    }

    @Test
    void should_answer_not_shipped_when_the_trace_names_the_order_only() {
        stub("taobao.logistics.trace.search", Map.of(), "{\"logistics_trace_search_response\":{\"tid\":2231958349,\"request_id\":\"r\"}}");

        assertThat(connector().logistics(ORDER)).isEqualTo(LogisticsTrace.notShipped(ORDER));
    }

    @Test
    void should_report_order_not_found_when_neither_trace_nor_trade_exists() {
        stub("taobao.logistics.trace.search", Map.of(), error(15, "Remote service error", "isv.trade-not-exist", "no trade"));

        assertThat(catchThrowableOfType(OrderNotFoundException.class, () -> connector().logistics(OrderId.of("999"))))
                .hasMessage("order 999 not found");
    }

    @Test
    void should_report_unavailable_for_an_empty_envelope_or_another_orders_trace() {
        stub("taobao.logistics.trace.search", Map.of("tid", TID), "{\"logistics_trace_search_response\":{\"request_id\":\"r\"}}");
        stub("taobao.logistics.trace.search", Map.of("tid", "42"), TRACE);

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().logistics(ORDER)))
                .hasMessageContaining("names no order");
        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().logistics(OrderId.of("42"))))
                .hasMessageContaining("trace of order 2231958349");
    }

    @Test
    void should_report_unavailable_for_a_step_without_time() {
        stub("taobao.logistics.trace.search", Map.of(), TRACE.replace("\"status_time\":\"2026-02-28 04:18:00\",", ""));

        assertThat(catchThrowableOfType(ShopUnavailableException.class, () -> connector().logistics(ORDER)))
                .hasMessageContaining("status_time");
    }

    @Test
    void should_reject_on_expired_session_rather_than_answer_not_shipped() {
        stub("taobao.logistics.trace.search", Map.of(), "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\","
                + "\"sub_code\":\"session-expired\",\"request_id\":\"r\"}}");

        ShopRejectedException e = catchThrowableOfType(ShopRejectedException.class, () -> connector().logistics(ORDER));

        assertThat(e.code()).isEqualTo("27");
    }
}
