package dev.errand.connectors.shop.demo;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.money.Money;
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
    public DataOrigin origin() {
        return DataOrigin.DEMO;
    }
}
