package dev.errand.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.money.Money;
import dev.errand.tools.Risk;
import dev.errand.tools.ToolContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetOrderToolTest {
    private final GetOrderTool tool = new GetOrderTool(new DemoShopConnector());
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    @Test
    void should_be_named_get_order_read_only_and_take_its_args_record() {
        assertThat(tool.name().value()).isEqualTo("get_order");
        assertThat(tool.risk()).isEqualTo(Risk.READ_ONLY);
        assertThat(tool.argumentsType()).isEqualTo(GetOrderTool.Args.class);
        assertThat(tool.description()).contains("order").contains("currency");
    }

    @Test
    void should_summarize_the_order_from_the_shop_with_its_origin() {
        OrderSummary summary = tool.call(new GetOrderTool.Args(OrderId.of("8813")), context);

        assertThat(summary.orderId()).isEqualTo(OrderId.of("8813"));
        assertThat(summary.items()).hasSize(2);
        assertThat(summary.amount()).isEqualTo(Money.of("236.50", "CNY"));
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
    }

    @Test
    void should_let_order_not_found_through() {
        assertThatThrownBy(() -> tool.call(new GetOrderTool.Args(OrderId.of("999")), context))
                .isInstanceOf(OrderNotFoundException.class)
                .hasMessage("order 999 not found");
    }

    @Test
    void should_refuse_args_without_order_id() {
        assertThatThrownBy(() -> new GetOrderTool.Args(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("orderId");
    }
}
