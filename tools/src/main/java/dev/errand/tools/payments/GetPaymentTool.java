package dev.errand.tools.payments;

import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.util.Objects;

/** Finds the payment that settled an order on the payment platform. */
@CatalogTool
@SlashCommand(name = "payment", summary = "find the payment of an order")
public final class GetPaymentTool implements AgentTool<GetPaymentTool.Args, PaymentSummary> {
    public static final ToolName NAME = ToolName.of("get_payment");

    /** Arguments of {@code get_payment}. */
    public record Args(@Description("The shop's order id whose payment to find, e.g. 8812") OrderId orderId) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    private final PaymentsConnector payments;

    public GetPaymentTool(PaymentsConnector payments) {
        this.payments = payments;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Find the payment of a shop order: trade number, amount with currency and status.";
    }

    @Override
    public PaymentSummary call(Args arguments, ToolContext context) {
        Payment payment = payments.paymentForOrder(arguments.orderId());
        return new PaymentSummary(payment.tradeNo(), payment.orderId(), payment.amount(), payment.status(),
                payments.origin());
    }
}
