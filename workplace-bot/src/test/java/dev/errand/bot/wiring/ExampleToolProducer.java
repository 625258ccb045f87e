package dev.errand.bot.wiring;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.shop.OrderId;
import dev.errand.tools.AgentTool;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The other way into the catalog, for a tool built by hand (say from a value that is no bean): one producer
 * method. Its tool class carries no {@code @CatalogTool}. Excluded from all but ToolDiscoveryTest.
 */
public class ExampleToolProducer {

    @Produces
    @Singleton
    PaidTool paid(PaymentsConnector payments) {
        return new PaidTool(payments);
    }

    @SlashCommand(name = "paid", summary = "whether an order is paid")
    public static final class PaidTool implements AgentTool<PaidTool.Args, PaidTool.Paid> {
        public record Args(OrderId orderId) {
        }

        public record Paid(OrderId orderId, PaymentStatus status, DataOrigin origin) implements ToolResult {
            @Override
            public String title() {
                return "Payment status of order " + orderId;
            }

            @Override
            public String markdown() {
                return "Order " + orderId + " payment: " + status;
            }
        }

        private final PaymentsConnector payments;

        PaidTool(PaymentsConnector payments) {
            this.payments = payments;
        }

        @Override
        public ToolName name() {
            return ToolName.of("order_paid");
        }

        @Override
        public String description() {
            return "Whether a shop order is paid.";
        }

        @Override
        public Paid call(Args arguments, ToolContext context) {
            return new Paid(arguments.orderId(), payments.paymentForOrder(arguments.orderId()).status(), payments.origin());
        }
    }
}
