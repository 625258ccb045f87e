package dev.errand.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetLogisticsTool;
import dev.errand.tools.orders.GetOrderRefundsTool;
import dev.errand.tools.orders.ListOrdersTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shop's list, refund and parcel tools as the model sees them. */
class ShopToolSpecificationsTest {
    private final DemoShopConnector shop = new DemoShopConnector();

    @Test
    void should_offer_the_model_the_new_tools_with_optional_typed_arguments() {
        List<ToolSpecification> specifications = ToolSpecifications.of(new ToolCatalog(List.of(new ListOrdersTool(shop),
                new GetOrderRefundsTool(shop), new GetLogisticsTool(shop))));

        ToolSpecification list = specifications.stream().filter(t -> t.name().equals("list_orders")).findFirst().orElseThrow();
        assertThat(list.parameters().required()).isEmpty();
        assertThat(((JsonEnumSchema) list.parameters().properties().get("status")).enumValues())
                .contains("WAIT_SELLER_SEND_GOODS", "ALL_WAIT_PAY").doesNotContain("UNKNOWN");
        assertThat(((JsonStringSchema) list.parameters().properties().get("createdFrom")).description()).contains("GMT+8");
        assertThat(list.parameters().properties().get("pageSize")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(specifications).extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("list_orders", "get_order_refunds", "get_logistics", "submit_plan");
        assertThat(specifications).filteredOn(t -> t.name().startsWith("get_"))
                .allSatisfy(t -> assertThat(t.parameters().required()).containsExactly("orderId"));
    }
}
