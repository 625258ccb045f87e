package dev.errand.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.RefundStatus;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.money.Money;
import dev.errand.tools.Risk;
import dev.errand.tools.ToolContext;
import dev.errand.tools.schema.ArgumentSchemas;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetOrderRefundsToolTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final GetOrderRefundsTool tool = new GetOrderRefundsTool(new DemoShopConnector());
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    @Test
    void should_be_named_get_order_refunds_read_only_with_an_order_id() {
        assertThat(tool.name().value()).isEqualTo("get_order_refunds");
        assertThat(tool.risk()).isEqualTo(Risk.READ_ONLY);
        assertThat(ArgumentSchemas.of(tool.argumentsType()).get("required").toString()).isEqualTo("[\"orderId\"]");
        assertThat(tool.description()).contains("refund", "currency", "Reads only");
    }

    @Test
    void should_list_the_refunds_of_8814_with_amount_and_status() {
        OrderRefundsSummary summary = tool.call(new GetOrderRefundsTool.Args(OrderId.of("8814")), context);

        assertThat(summary.orderId()).isEqualTo(OrderId.of("8814"));
        assertThat(summary.refunds()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RefundStatus.SUCCESS);
            assertThat(r.amount()).isEqualTo(Money.of("349.00", "CNY"));
        });
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
        assertThat(summary.markdown()).isEqualTo("""
                ### Refunds of order 8814
                - 70188140001 · Travel backpack · 349.00 CNY · SUCCESS · asked 2026-11-25 11:20 · reason: Ordered by mistake
                """);
    }

    @Test
    void should_say_an_order_without_refunds_has_none() {
        OrderRefundsSummary summary = tool.call(new GetOrderRefundsTool.Args(OrderId.of("8812")), context);

        assertThat(summary.refunds()).isEmpty();
        assertThat(summary.markdown()).isEqualTo("### Refunds of order 8812\nNo refund requests.\n");
    }

    @Test
    void should_show_unknown_states_and_returned_goods() {
        ShopRefund refund = new ShopRefund("1", OrderId.of("77"), "", RefundStatus.UNKNOWN, Money.of("5.00", "CNY"), "",
                true, Instant.parse("2026-03-01T00:00:00Z"), null);

        String markdown = new OrderRefundsSummary(OrderId.of("77"), List.of(refund), DataOrigin.LIVE).markdown();

        assertThat(markdown).contains("- 1 · 5.00 CNY · UNKNOWN · asked 2026-03-01 08:00 · goods returned\n");
    }

    @Test
    void should_let_order_not_found_and_refusals_through() {
        assertThatThrownBy(() -> tool.call(new GetOrderRefundsTool.Args(OrderId.of("999")), context))
                .isInstanceOf(OrderNotFoundException.class).hasMessage("order 999 not found");
        ShopConnector older = new ShopConnector() {
            @Override
            public Order order(OrderId id) {
                throw new OrderNotFoundException(id);
            }

            @Override
            public DataOrigin origin() {
                return DataOrigin.LIVE;
            }
        };
        assertThatThrownBy(() -> new GetOrderRefundsTool(older).call(new GetOrderRefundsTool.Args(OrderId.of("1")), context))
                .isInstanceOfSatisfying(ShopRejectedException.class, e -> assertThat(e.userMessage())
                        .isEqualTo("shop rejected the request: this shop connector does not offer reading refunds"));
    }

    @Test
    void should_refuse_args_without_order_id() {
        assertThatThrownBy(() -> new GetOrderRefundsTool.Args(null)).hasMessage("orderId");
    }

    @Test
    void should_serialize_and_read_back_for_replay() throws Exception {
        OrderRefundsSummary summary = tool.call(new GetOrderRefundsTool.Args(OrderId.of("8814")), context);

        JsonNode json = JSON.valueToTree(summary);

        assertThat(json.at("/refunds/0/amount/amount").asText()).isEqualTo("349.00");
        assertThat(json.at("/refunds/0/status").asText()).isEqualTo("SUCCESS");
        assertThat(json.at("/refunds/0/created").asText()).isEqualTo("2026-11-25T03:20:00Z");
        assertThat(JSON.treeToValue(json, OrderRefundsSummary.class)).isEqualTo(summary);
    }
}
