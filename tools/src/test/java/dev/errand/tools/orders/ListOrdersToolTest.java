package dev.errand.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.OrderStatusFilter;
import dev.errand.connectors.shop.TradeStatus;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.Risk;
import dev.errand.tools.ToolContext;
import dev.errand.tools.schema.ArgumentSchemas;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListOrdersToolTest {
    /** Reads arguments and results as the executor does. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ListOrdersTool tool = new ListOrdersTool(new DemoShopConnector());
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    private static ListOrdersTool.Args args(String status, String from, String to, Integer page, Integer size) {
        return new ListOrdersTool.Args(Optional.ofNullable(status).map(OrderStatusFilter::valueOf),
                Optional.ofNullable(from), Optional.ofNullable(to), Optional.ofNullable(page), Optional.ofNullable(size));
    }

    @Test
    void should_be_named_list_orders_read_only_and_take_its_args_record() {
        assertThat(tool.name().value()).isEqualTo("list_orders");
        assertThat(tool.risk()).isEqualTo(Risk.READ_ONLY);
        assertThat(tool.argumentsType()).isEqualTo(ListOrdersTool.Args.class);
        assertThat(tool.resultType()).isEqualTo(OrderListSummary.class);
        assertThat(tool.description()).contains("status", "currency", "GMT+8");
    }

    @Test
    void should_offer_the_platforms_statuses_but_not_unknown_and_require_nothing() {
        ObjectNode schema = ArgumentSchemas.of(ListOrdersTool.Args.class);

        assertThat(schema.get("required")).isEmpty();
        assertThat(schema.at("/properties/status/enum").toString())
                .contains("\"WAIT_SELLER_SEND_GOODS\"", "\"TRADE_CLOSED_BY_TAOBAO\"", "\"ALL_CLOSED\"")
                .doesNotContain("UNKNOWN");
        assertThat(schema.at("/properties/createdFrom/pattern").asText()).isEqualTo(ShopTimes.PATTERN);
        assertThat(schema.at("/properties/page/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/properties/pageSize/description").asText()).contains("1 to 100");
    }

    @Test
    void should_read_a_model_call_with_only_a_status_and_default_the_rest() throws Exception {
        ListOrdersTool.Args read = JSON.readValue("{\"status\":\"WAIT_BUYER_CONFIRM_GOODS\"}", ListOrdersTool.Args.class);

        assertThat(read.query()).isEqualTo(OrderQuery.newest().withStatus(OrderStatusFilter.WAIT_BUYER_CONFIRM_GOODS));
        assertThat(JSON.readValue("{}", ListOrdersTool.Args.class).query()).isEqualTo(OrderQuery.newest());
    }

    @Test
    void should_read_shop_times_with_a_bare_end_date_holding_the_whole_day() {
        OrderQuery query = args(null, "2026-11-27", "2026-11-28", 2, 50).query();

        assertThat(query.createdFrom()).contains(Instant.parse("2026-11-26T16:00:00Z"));
        assertThat(query.createdTo()).contains(Instant.parse("2026-11-28T15:59:59Z"));
        assertThat(query.page()).isEqualTo(2);
        assertThat(query.pageSize()).isEqualTo(50);
        assertThat(args(null, "2026-11-27 21:40:00", null, null, null).query().createdFrom())
                .contains(Instant.parse("2026-11-27T13:40:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "from not a date       | 27/11/2026 |            |     |     | createdFrom '27/11/2026' must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
            "to not a real day     |            | 2026-02-30 |     |     | createdTo '2026-02-30' is not a valid date or time",
            "range backwards       | 2026-11-28 | 2026-11-27 |     |     | createdFrom must not be after createdTo",
            "page zero             |            |            | 0   |     | page must be at least 1, was 0",
            "page size above cap   |            |            |     | 101 | pageSize must be between 1 and 100, was 101",
            "page size zero        |            |            |     | 0   | pageSize must be between 1 and 100, was 0"})
    void should_refuse_bad_arguments_naming_the_field(String name, String from, String to, Integer page, Integer size,
            String message) {
        assertThatThrownBy(() -> args(null, from, to, page, size))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void should_list_the_demo_shops_orders_with_their_origin() {
        OrderListSummary summary = tool.call(args("WAIT_BUYER_CONFIRM_GOODS", null, null, null, null), context);

        assertThat(summary.orders()).extracting(o -> o.id().value()).containsExactly("8815", "8813");
        assertThat(summary.orders()).allSatisfy(o -> assertThat(o.status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM_GOODS));
        assertThat(summary.total()).isEqualTo(2);
        assertThat(summary.status()).isEqualTo("WAIT_BUYER_CONFIRM_GOODS");
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
    }

    @Test
    void should_render_a_page_with_amounts_times_in_gmt8_and_the_next_page() {
        String markdown = tool.call(args(null, null, null, 1, 2), context).markdown();

        assertThat(markdown).isEqualTo("""
                ### Orders (page 1 of 2, 4 orders)
                - 8812 · WAIT_SELLER_SEND_GOODS · 120.00 CNY · created 2026-11-30 10:15 · li***lei
                - 8815 · WAIT_BUYER_CONFIRM_GOODS · 2680.00 CNY · created 2026-11-28 14:30 · zha***
                More on page 2.
                """);
    }

    @Test
    void should_say_when_no_order_matches() {
        OrderListSummary summary = tool.call(args("WAIT_BUYER_PAY", null, null, null, null), context);

        assertThat(summary.markdown()).isEqualTo("### Orders WAIT_BUYER_PAY (page 1 of 1, 0 orders)\nNo orders match.\n");
        assertThat(summary.title()).isEqualTo("Orders WAIT_BUYER_PAY");
    }

    @Test
    void should_serialize_money_as_strings_times_as_iso_and_read_back_for_replay() throws Exception {
        OrderListSummary summary = tool.call(ListOrdersTool.Args.newest(), context);

        JsonNode json = JSON.valueToTree(summary);

        assertThat(json.at("/orders/0/payment/amount").isTextual()).isTrue();
        assertThat(json.at("/orders/0/payment/amount").asText()).isEqualTo("120.00");
        assertThat(json.at("/orders/0/status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(json.at("/orders/0/created").asText()).isEqualTo("2026-11-30T02:15:00Z");
        assertThat(json.has("markdown")).isFalse();
        assertThat(JSON.treeToValue(json, OrderListSummary.class)).isEqualTo(summary);
    }
}
