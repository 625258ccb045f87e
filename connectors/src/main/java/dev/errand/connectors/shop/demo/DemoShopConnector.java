package dev.errand.connectors.shop.demo;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderListing;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.OrderPage;
import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.RefundStatus;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.connectors.shop.TraceStep;
import dev.errand.connectors.shop.TradeStatus;
import dev.errand.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A shop with a few seeded orders, served when no real shop is configured. Its data is labelled demo. */
public final class DemoShopConnector implements ShopConnector {

    /** The seeded orders, by id. */
    public static final List<Order> ORDERS = List.of(
            new Order(OrderId.of("8812"), "WAIT_SELLER_SEND_GOODS",
                    List.of(new OrderLine("Ceramic mug", 2, Money.of("60.00", "CNY"), "NO_REFUND")),
                    Money.of("120.00", "CNY"), "li***lei"),
            new Order(OrderId.of("8813"), "WAIT_BUYER_CONFIRM_GOODS",
                    List.of(new OrderLine("Desk lamp", 1, Money.of("199.00", "CNY"), "NO_REFUND"),
                            new OrderLine("LED bulb", 3, Money.of("12.50", "CNY"), "NO_REFUND")),
                    Money.of("236.50", "CNY"), "han***mei"),
            new Order(OrderId.of("8814"), "TRADE_CLOSED",
                    List.of(new OrderLine("Travel backpack", 1, Money.of("349.00", "CNY"), "SUCCESS")),
                    Money.of("349.00", "CNY"), "wei***"),
            new Order(OrderId.of("8815"), "WAIT_BUYER_CONFIRM_GOODS",
                    List.of(new OrderLine("Espresso machine", 1, Money.of("2680.00", "CNY"), "NO_REFUND")),
                    Money.of("2680.00", "CNY"), "zha***"));

    /** When each seeded order was created (the shop's time is GMT+8). */
    public static final Map<OrderId, Instant> CREATED = Map.of(
            OrderId.of("8812"), shopTime("2026-11-30 10:15:00"),
            OrderId.of("8813"), shopTime("2026-11-27 21:40:00"),
            OrderId.of("8814"), shopTime("2026-11-25 09:05:00"),
            OrderId.of("8815"), shopTime("2026-11-28 14:30:00"));

    /** The seeded refund requests: 8814's backpack was refunded before it shipped, as its line says. */
    public static final List<ShopRefund> REFUNDS = List.of(
            new ShopRefund("70188140001", OrderId.of("8814"), "Travel backpack", RefundStatus.SUCCESS,
                    Money.of("349.00", "CNY"), "Ordered by mistake", false, shopTime("2026-11-25 11:20:00"),
                    shopTime("2026-11-25 16:02:00")));

    /** The seeded parcels of the shipped orders; 8812 waits to be sent and 8814 was refunded unsent. */
    public static final List<LogisticsTrace> TRACES = List.of(
            new LogisticsTrace(OrderId.of("8813"), "ZTO73516284901", "ZTO Express", "In transit", List.of(
                    new TraceStep(shopTime("2026-11-28 09:12:00"), "Parcel collected by ZTO Express, Hangzhou", "TMS_ACCEPT"),
                    new TraceStep(shopTime("2026-11-28 20:47:00"), "Departed Hangzhou hub", "DEPARTURE"),
                    new TraceStep(shopTime("2026-11-29 06:30:00"), "Arrived at Shanghai hub", "ARRIVE"))),
            new LogisticsTrace(OrderId.of("8815"), "SF1402938475612", "SF Express", "Out for delivery", List.of(
                    new TraceStep(shopTime("2026-11-29 10:05:00"), "Parcel collected by SF Express, Shenzhen", "TMS_ACCEPT"),
                    new TraceStep(shopTime("2026-11-30 04:18:00"), "Arrived at Beijing Shunyi hub", "ARRIVE"),
                    new TraceStep(shopTime("2026-11-30 08:40:00"), "Out for delivery with courier Wang", "TMS_DELIVERING"))));

    private final Map<OrderId, Order> orders = ORDERS.stream()
            .collect(Collectors.toUnmodifiableMap(Order::id, Function.identity()));

    @Override
    public Order order(OrderId id) {
        Order order = orders.get(id);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        return order;
    }

    @Override
    public OrderPage orders(OrderQuery query) {
        List<OrderListing> matching = ORDERS.stream()
                .map(order -> new OrderListing(order.id(), TradeStatus.fromWire(order.status()), order.total(),
                        CREATED.get(order.id()), order.buyer(), order.lines()))
                .filter(listing -> query.matches(listing.status(), listing.created()))
                .sorted(Comparator.comparing(OrderListing::created).reversed())
                .toList();
        long skip = (long) (query.page() - 1) * query.pageSize();
        List<OrderListing> page = matching.stream().skip(skip).limit(query.pageSize()).toList();
        return new OrderPage(page, query.page(), query.pageSize(), matching.size(),
                skip + page.size() < matching.size());
    }

    @Override
    public List<ShopRefund> refunds(OrderId id) {
        order(id);
        return REFUNDS.stream().filter(refund -> refund.orderId().equals(id)).toList();
    }

    @Override
    public LogisticsTrace logistics(OrderId id) {
        order(id);
        return TRACES.stream().filter(trace -> trace.orderId().equals(id)).findFirst()
                .orElseGet(() -> LogisticsTrace.notShipped(id));
    }

    private static Instant shopTime(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.ofHours(8));
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.DEMO;
    }
}
