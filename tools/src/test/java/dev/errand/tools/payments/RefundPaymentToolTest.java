package dev.errand.tools.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.Risk;
import dev.errand.tools.ToolContext;
import dev.errand.tools.schema.ArgumentSchemas;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefundPaymentToolTest {
    private final RefundPaymentTool tool = new RefundPaymentTool(new DemoPaymentsConnector());

    @Test
    void should_refund_with_the_step_idempotency_key_and_say_it_moves_money() {
        UUID runId = UUID.randomUUID();
        ToolContext step = new ToolContext("acme", "li.lei", runId, "s1");
        RefundPaymentTool.Args args = new RefundPaymentTool.Args(OrderId.of("8812"), "20.00", "CNY", "parcel lost");

        RefundSummary first = tool.call(args, step);
        RefundSummary repeated = tool.call(args, step);

        assertThat(first.requestNo()).isEqualTo(step.idempotencyKey());
        assertThat(repeated).isEqualTo(first);
        assertThat(first.refundedTotal()).isEqualTo(Money.of("20.00", "CNY"));
        assertThat(first.origin()).isEqualTo(DataOrigin.DEMO);
        assertThat(tool.risk()).isEqualTo(Risk.MOVES_MONEY);
        assertThat(tool.moneyMoved(args)).contains(Money.of("20.00", "CNY"));
        assertThat(first.markdown()).contains("Refunded 20.00 CNY on order 8812");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-1.00|CNY|reason|amount must be positive",
            "0|CNY|reason|amount must be positive",
            "1.234|CNY|reason|more than two decimals",
            "12x|CNY|reason|not a decimal number",
            "1.00|XXQ|reason|not an ISO 4217 code",
            "1.00|CNY|' '|reason must not be blank",
    })
    void should_refuse_arguments_out_of_shape(String amount, String currency, String reason, String message) {
        assertThatThrownBy(() -> new RefundPaymentTool.Args(OrderId.of("8812"), amount, currency, reason))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void should_publish_the_amount_and_currency_patterns_in_its_schema() {
        var schema = ArgumentSchemas.of(RefundPaymentTool.Args.class);

        assertThat(schema.at("/properties/amount/pattern").asText()).isEqualTo("^[0-9]{1,12}(\\.[0-9]{1,2})?$");
        assertThat(schema.at("/properties/currency/pattern").asText()).isEqualTo("^[A-Z]{3}$");
        assertThat(schema.get("required")).hasSize(4);
    }
}
