package dev.errand.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSummaryTest {
    private final DemoShopConnector shop = new DemoShopConnector();

    private OrderSummary summaryOf(String id) {
        return OrderSummary.of(shop.order(OrderId.of(id)), shop.origin());
    }

    @Test
    void should_copy_order_fields_and_origin() {
        OrderSummary summary = summaryOf("8812");

        assertThat(summary.orderId()).isEqualTo(OrderId.of("8812"));
        assertThat(summary.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(summary.amount()).isEqualTo(Money.of("120.00", "CNY"));
        assertThat(summary.buyer()).isEqualTo("li***lei");
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
        assertThat(summary.title()).isEqualTo("Order 8812");
    }

    @Test
    void should_render_status_items_amount_with_currency_and_buyer_as_markdown() {
        String markdown = summaryOf("8812").markdown();

        assertThat(markdown).isEqualTo("""
                ### Order 8812
                - Status: WAIT_SELLER_SEND_GOODS
                - Items:
                  - Ceramic mug × 2 at 60.00 CNY
                - Amount: 120.00 CNY
                - Buyer: li***lei
                """);
    }

    @Test
    void should_list_every_item_with_quantity_and_unit_price() {
        String markdown = summaryOf("8813").markdown();

        assertThat(markdown)
                .contains("  - Desk lamp × 1 at 199.00 CNY\n")
                .contains("  - LED bulb × 3 at 12.50 CNY\n")
                .contains("- Amount: 236.50 CNY\n")
                .doesNotContain("refund");
    }

    @Test
    void should_show_refund_status_of_refunded_items_only() {
        String markdown = summaryOf("8814").markdown();

        assertThat(markdown).contains("  - Travel backpack × 1 at 349.00 CNY (refund: SUCCESS)\n");
    }

    @Test
    void should_call_an_unknown_buyer_unknown() {
        Order anonymous = new Order(OrderId.of("9001"), "TRADE_FINISHED",
                List.of(new OrderLine("Pen", 1, Money.of("3.00", "CNY"), null)), Money.of("3.00", "CNY"), null);

        String markdown = OrderSummary.of(anonymous, DataOrigin.LIVE).markdown();

        assertThat(markdown).contains("- Buyer: unknown\n").doesNotContain("refund");
    }

    @Test
    void should_serialize_amounts_as_decimal_strings_with_currency_and_leave_out_title_and_markdown()
            throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        JsonNode json = mapper.readTree(mapper.writeValueAsString(summaryOf("8812")));

        assertThat(json.get("orderId").isTextual()).isTrue();
        assertThat(json.get("orderId").asText()).isEqualTo("8812");
        assertThat(json.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(json.at("/amount/amount").isTextual()).as("amount is a JSON string, not a number").isTrue();
        assertThat(json.at("/amount/amount").asText()).isEqualTo("120.00");
        assertThat(json.at("/amount/currency").asText()).isEqualTo("CNY");
        assertThat(json.at("/items/0/title").asText()).isEqualTo("Ceramic mug");
        assertThat(json.at("/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(json.at("/items/0/unitPrice/amount").isTextual()).isTrue();
        assertThat(json.at("/items/0/unitPrice/amount").asText()).isEqualTo("60.00");
        assertThat(json.at("/items/0/unitPrice/currency").asText()).isEqualTo("CNY");
        assertThat(json.get("buyer").asText()).isEqualTo("li***lei");
        assertThat(json.get("origin").asText()).isEqualTo("DEMO");
        assertThat(json.has("title")).isFalse();
        assertThat(json.has("markdown")).isFalse();
    }

    @Test
    void should_keep_trailing_zeros_of_whole_amounts_in_json() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        JsonNode json = mapper.valueToTree(summaryOf("8814"));

        assertThat(json.at("/amount/amount").asText()).isEqualTo("349.00");
    }
}
