package dev.errand.bot.wiring;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;

/** A new tool as an integrator writes it: this class is all, no line of wiring (see ToolDiscoveryTest). */
@CatalogTool
@SlashCommand(name = "status", summary = "the status of an order, in one line")
public final class OrderStatusTool implements AgentTool<OrderStatusTool.Args, OrderStatusTool.Status> {

    public record Args(@Description("The shop's order id, e.g. 8812") OrderId orderId) {
    }

    public record Status(OrderId orderId, String status, DataOrigin origin) implements ToolResult {
        @Override
        public String title() {
            return "Status of order " + orderId;
        }

        @Override
        public String markdown() {
            return "Order " + orderId + ": " + status;
        }
    }

    private final ShopConnector shop;

    public OrderStatusTool(ShopConnector shop) {
        this.shop = shop;
    }

    @Override
    public ToolName name() {
        return ToolName.of("order_status");
    }

    @Override
    public String description() {
        return "The status of a shop order, in one line.";
    }

    @Override
    public Status call(Args arguments, ToolContext context) {
        return new Status(arguments.orderId(), shop.order(arguments.orderId()).status(), shop.origin());
    }
}
