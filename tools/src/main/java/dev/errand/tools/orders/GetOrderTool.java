package dev.errand.tools.orders;

import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.util.Objects;

/** Looks an order up in the shop: status, items, amount with currency, buyer. */
@CatalogTool
@SlashCommand(name = "order", summary = "look up an order: status, items, amount, buyer")
public final class GetOrderTool implements AgentTool<GetOrderTool.Args, OrderSummary> {
    public static final ToolName NAME = ToolName.of("get_order");

    /** Arguments of {@code get_order}. */
    public record Args(@Description("The shop's order id, e.g. 8812") OrderId orderId) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    private final ShopConnector shop;

    public GetOrderTool(ShopConnector shop) {
        this.shop = shop;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Look up a shop order by id: its status, items, amount paid with currency, and buyer.";
    }

    @Override
    public OrderSummary call(Args arguments, ToolContext context) {
        Order order = shop.order(arguments.orderId());
        return OrderSummary.of(order, shop.origin());
    }
}
