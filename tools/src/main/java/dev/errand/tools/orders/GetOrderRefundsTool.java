package dev.errand.tools.orders;

import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.util.Objects;

/** The buyer's refund requests on an order, as the shop records them. Reads only; refunding is another tool. */
@CatalogTool
@SlashCommand(name = "refunds", summary = "the refund requests of an order")
public final class GetOrderRefundsTool implements AgentTool<GetOrderRefundsTool.Args, OrderRefundsSummary> {
    public static final ToolName NAME = ToolName.of("get_order_refunds");

    /** Arguments of {@code get_order_refunds}. */
    public record Args(@Description("The shop's order id, e.g. 8814") OrderId orderId) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    private final ShopConnector shop;

    public GetOrderRefundsTool(ShopConnector shop) {
        this.shop = shop;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "List the buyer's refund requests on a shop order: item, amount asked with currency, status (e.g. "
                + "WAIT_SELLER_AGREE, SUCCESS, CLOSED), reason, whether goods are returned. Reads only.";
    }

    @Override
    public OrderRefundsSummary call(Args arguments, ToolContext context) {
        return new OrderRefundsSummary(arguments.orderId(), shop.refunds(arguments.orderId()), shop.origin());
    }
}
