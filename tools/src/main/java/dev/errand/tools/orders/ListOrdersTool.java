package dev.errand.tools.orders;

import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.OrderStatusFilter;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.Matches;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.time.Instant;
import java.util.Optional;

/** Lists the shop's orders, newest first: by status, by creation time, one page at a time. */
@CatalogTool
@SlashCommand(name = "orders", arguments = "status",
        summary = "the newest orders in a status, e.g. `/orders WAIT_BUYER_CONFIRM_GOODS` (shipped)")
public final class ListOrdersTool implements AgentTool<ListOrdersTool.Args, OrderListSummary> {
    public static final ToolName NAME = ToolName.of("list_orders");

    /** Arguments of {@code list_orders}; every one may be left out. */
    public record Args(
            @Description("Only orders in this status, e.g. WAIT_SELLER_SEND_GOODS (paid, not shipped); ALL_WAIT_PAY "
                    + "and ALL_CLOSED group two statuses each; leave out for every status")
            Optional<OrderStatusFilter> status,
            @Description("Only orders created at or after this time, in the shop's time (GMT+8): yyyy-MM-dd or "
                    + "yyyy-MM-dd HH:mm:ss. The shop lists the last 3 months only")
            @Matches(ShopTimes.PATTERN) Optional<String> createdFrom,
            @Description("Only orders created at or before this time (GMT+8): yyyy-MM-dd (the whole day) or "
                    + "yyyy-MM-dd HH:mm:ss")
            @Matches(ShopTimes.PATTERN) Optional<String> createdTo,
            @Description("The page to show, from 1; default 1") Optional<Integer> page,
            @Description("Orders per page, 1 to 100; default 20") Optional<Integer> pageSize) {
        public Args {
            status = status == null ? Optional.empty() : status;
            createdFrom = createdFrom == null ? Optional.empty() : createdFrom;
            createdTo = createdTo == null ? Optional.empty() : createdTo;
            page = page == null ? Optional.empty() : page;
            pageSize = pageSize == null ? Optional.empty() : pageSize;
            query(status, createdFrom, createdTo, page, pageSize);
        }

        /** Every status, newest first, first page. */
        public static Args newest() {
            return new Args(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** The shop query these arguments ask for. */
        public OrderQuery query() {
            return query(status, createdFrom, createdTo, page, pageSize);
        }

        private static OrderQuery query(Optional<OrderStatusFilter> status, Optional<String> createdFrom,
                Optional<String> createdTo, Optional<Integer> page, Optional<Integer> pageSize) {
            Optional<Instant> from = createdFrom.map(text -> ShopTimes.parse("createdFrom", text, false));
            Optional<Instant> to = createdTo.map(text -> ShopTimes.parse("createdTo", text, true));
            // OrderQuery names the field in its messages: page, pageSize, createdFrom
            return new OrderQuery(status, from, to, page.orElse(1), pageSize.orElse(OrderQuery.DEFAULT_PAGE_SIZE));
        }
    }

    private final ShopConnector shop;

    public ListOrdersTool(ShopConnector shop) {
        this.shop = shop;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "List the shop's orders, newest first, optionally only one status and only those created in a time "
                + "range (shop time, GMT+8, last 3 months): id, status, amount paid with currency, creation time, "
                + "buyer; one page at a time, with the total count.";
    }

    @Override
    public OrderListSummary call(Args arguments, ToolContext context) {
        return OrderListSummary.of(shop.orders(arguments.query()), arguments.status(), shop.origin());
    }
}
