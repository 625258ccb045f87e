package dev.errand.agent.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.ToolName;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    @Test
    void should_find_tools_by_name_with_their_derived_schema() {
        GetOrderTool getOrder = new GetOrderTool(new DemoShopConnector());
        ToolCatalog catalog = new ToolCatalog(List.of(getOrder, new GetPaymentTool(new DemoPaymentsConnector())));

        ToolCatalog.Entry entry = catalog.find(ToolName.of("get_order")).orElseThrow();

        assertThat(entry.tool()).isSameAs(getOrder);
        assertThat(entry.schema().at("/properties/orderId/type").asText()).isEqualTo("string");
        assertThat(entry.schema().get("required").toString()).isEqualTo("[\"orderId\"]");
        assertThat(catalog.find(ToolName.of("refund"))).isEmpty();
    }

    @Test
    void should_sort_tools_by_name_whatever_order_they_were_found_in() {
        ToolCatalog catalog = new ToolCatalog(List.of(new GetPaymentTool(new DemoPaymentsConnector()),
                new GetOrderTool(new DemoShopConnector())));

        assertThat(catalog.entries()).extracting(e -> e.tool().name().value())
                .containsExactly("get_order", "get_payment");
    }

    @Test
    void should_refuse_two_tools_with_the_same_name() {
        List<GetOrderTool> twins = List.of(new GetOrderTool(new DemoShopConnector()),
                new GetOrderTool(new DemoShopConnector()));

        assertThatThrownBy(() -> new ToolCatalog(twins))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two tools are named get_order");
    }

    @Test
    void should_not_let_callers_change_the_entries() {
        ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(new DemoShopConnector())));

        assertThatThrownBy(() -> catalog.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
