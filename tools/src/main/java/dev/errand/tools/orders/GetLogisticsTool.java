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

/** Where an order's parcel is: carrier, waybill and the carrier's steps. */
@CatalogTool
@SlashCommand(name = "track", summary = "track the parcel of an order")
public final class GetLogisticsTool implements AgentTool<GetLogisticsTool.Args, LogisticsSummary> {
    public static final ToolName NAME = ToolName.of("get_logistics");

    /** Arguments of {@code get_logistics}. */
    public record Args(@Description("The shop's order id, e.g. 8815") OrderId orderId) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    private final ShopConnector shop;

    public GetLogisticsTool(ShopConnector shop) {
        this.shop = shop;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Track the parcel of a shop order: carrier, waybill number, the carrier's status and every step with "
                + "its time (shop time, GMT+8); says when the order has not shipped yet.";
    }

    @Override
    public LogisticsSummary call(Args arguments, ToolContext context) {
        return LogisticsSummary.of(shop.logistics(arguments.orderId()), shop.origin());
    }
}
