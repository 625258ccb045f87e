package dev.errand.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.Risk;
import dev.errand.tools.ToolContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetLogisticsToolTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final GetLogisticsTool tool = new GetLogisticsTool(new DemoShopConnector());
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    @Test
    void should_be_named_get_logistics_and_read_only() {
        assertThat(tool.name().value()).isEqualTo("get_logistics");
        assertThat(tool.risk()).isEqualTo(Risk.READ_ONLY);
        assertThat(tool.argumentsType()).isEqualTo(GetLogisticsTool.Args.class);
        assertThat(tool.description()).contains("carrier", "waybill", "not shipped");
    }

    @Test
    void should_track_8815_step_by_step_in_shop_time() {
        LogisticsSummary summary = tool.call(new GetLogisticsTool.Args(OrderId.of("8815")), context);

        assertThat(summary.shipped()).isTrue();
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
        assertThat(summary.markdown()).isEqualTo("""
                ### Parcel of order 8815
                - Carrier: SF Express, waybill SF1402938475612
                - Status: Out for delivery
                - Steps (GMT+8):
                  - 2026-11-29 10:05 Parcel collected by SF Express, Shenzhen
                  - 2026-11-30 04:18 Arrived at Beijing Shunyi hub
                  - 2026-11-30 08:40 Out for delivery with courier Wang
                """);
    }

    @Test
    void should_say_8812_is_not_shipped_yet() {
        LogisticsSummary summary = tool.call(new GetLogisticsTool.Args(OrderId.of("8812")), context);

        assertThat(summary.shipped()).isFalse();
        assertThat(summary.steps()).isEmpty();
        assertThat(summary.markdown()).isEqualTo("### Parcel of order 8812\nNot shipped yet.\n");
    }

    @Test
    void should_say_when_a_shipped_parcel_has_no_steps_yet() {
        LogisticsSummary summary = LogisticsSummary.of(
                new LogisticsTrace(OrderId.of("5"), "ZTO1", "", "", List.of()), DataOrigin.LIVE);

        assertThat(summary.markdown()).isEqualTo("""
                ### Parcel of order 5
                - Carrier: unknown, waybill ZTO1
                - No steps reported by the carrier yet
                """);
    }

    @Test
    void should_let_order_not_found_through() {
        assertThatThrownBy(() -> tool.call(new GetLogisticsTool.Args(OrderId.of("999")), context))
                .isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void should_serialize_and_read_back_for_replay() throws Exception {
        LogisticsSummary summary = tool.call(new GetLogisticsTool.Args(OrderId.of("8813")), context);

        JsonNode json = JSON.valueToTree(summary);

        assertThat(json.get("waybillNo").asText()).isEqualTo("ZTO73516284901");
        assertThat(json.at("/steps/0/time").asText()).isEqualTo("2026-11-28T01:12:00Z");
        assertThat(json.at("/steps/2/action").asText()).isEqualTo("ARRIVE");
        assertThat(JSON.treeToValue(json, LogisticsSummary.class)).isEqualTo(summary);
    }
}
