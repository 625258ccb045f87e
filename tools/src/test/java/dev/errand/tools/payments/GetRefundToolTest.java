package dev.errand.tools.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.ToolContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GetRefundToolTest {
    private final DemoPaymentsConnector payments = new DemoPaymentsConnector();
    private final GetRefundTool tool = new GetRefundTool(payments);
    private final ToolContext context = new ToolContext("acme", "alice", UUID.randomUUID(), "s1");

    @Test
    void should_show_a_refund_made_under_its_request_number() {
        payments.refund(new RefundRequest(OrderId.of("8812"), Money.of("20.00", "CNY"), "parcel lost", "run1-s2"));

        GetRefundTool.Result result = tool.call(new GetRefundTool.Args(OrderId.of("8812"), "run1-s2"), context);

        assertThat(result).isEqualTo(new GetRefundTool.Result(OrderId.of("8812"), "run1-s2", true,
                "2026112622001400001", Money.of("20.00", "CNY"), DataOrigin.DEMO));
        assertThat(result.markdown()).isEqualTo("""
                ### Refund run1-s2 of order 8812
                - Status: refunded
                - Amount: 20.00 CNY
                - Trade no: 2026112622001400001
                """);
    }

    @Test
    void should_say_when_no_refund_was_made_under_the_number() {
        GetRefundTool.Result result = tool.call(new GetRefundTool.Args(OrderId.of("8812"), "run9-s1"), context);

        assertThat(result.refunded()).isFalse();
        assertThat(result.amount()).isNull();
        assertThat(result.markdown()).contains("no refund made under this request number");
    }

    @Test
    void should_read_a_recorded_result_back_for_replay() throws Exception {
        payments.refund(new RefundRequest(OrderId.of("8812"), Money.of("20.00", "CNY"), "parcel lost", "run1-s2"));
        GetRefundTool.Result result = tool.call(new GetRefundTool.Args(OrderId.of("8812"), "run1-s2"), context);
        ObjectMapper json = new ObjectMapper();

        assertThat(json.readValue(json.writeValueAsString(result), GetRefundTool.Result.class)).isEqualTo(result);
    }

    @Test
    void should_let_an_unknown_order_through_as_not_found() {
        assertThatThrownBy(() -> tool.call(new GetRefundTool.Args(OrderId.of("999"), "k"), context))
                .isInstanceOf(PaymentNotFoundException.class);
    }
}
