package dev.errand.tools.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.ToolContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetPaymentToolTest {
    private final GetPaymentTool tool = new GetPaymentTool(new DemoPaymentsConnector());
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    @Test
    void should_find_the_payment_of_an_order() {
        PaymentSummary summary = tool.call(new GetPaymentTool.Args(OrderId.of("8812")), context);

        assertThat(summary.tradeNo()).isEqualTo("2026112622001400001");
        assertThat(summary.orderId()).isEqualTo(OrderId.of("8812"));
        assertThat(summary.amount()).isEqualTo(Money.of("120.00", "CNY"));
        assertThat(summary.status()).isEqualTo(PaymentStatus.TRADE_SUCCESS);
        assertThat(summary.origin()).isEqualTo(DataOrigin.DEMO);
    }

    @Test
    void should_render_trade_number_status_and_amount_as_markdown() {
        PaymentSummary summary = tool.call(new GetPaymentTool.Args(OrderId.of("8814")), context);

        assertThat(summary.title()).isEqualTo("Payment of order 8814");
        assertThat(summary.markdown()).isEqualTo("""
                ### Payment of order 8814
                - Trade no: 2026112622001400003
                - Status: TRADE_CLOSED
                - Amount: 349.00 CNY
                """);
    }

    @Test
    void should_serialize_amount_as_string_with_currency() {
        JsonNode json = new ObjectMapper().valueToTree(tool.call(new GetPaymentTool.Args(OrderId.of("8812")), context));

        assertThat(json.at("/amount/amount").isTextual()).isTrue();
        assertThat(json.at("/amount/amount").asText()).isEqualTo("120.00");
        assertThat(json.at("/amount/currency").asText()).isEqualTo("CNY");
        assertThat(json.get("status").asText()).isEqualTo("TRADE_SUCCESS");
        assertThat(json.has("title")).isFalse();
        assertThat(json.has("markdown")).isFalse();
    }

    @Test
    void should_let_payment_not_found_through() {
        assertThatThrownBy(() -> tool.call(new GetPaymentTool.Args(OrderId.of("999")), context))
                .isInstanceOf(PaymentNotFoundException.class)
                .hasMessage("no payment found for order 999");
    }
}
