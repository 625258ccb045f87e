package dev.errand.connectors.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.money.Money;
import org.junit.jupiter.api.Test;

class DemoShopConnectorTest {
    private final DemoShopConnector shop = new DemoShopConnector();

    @Test
    void should_find_seeded_order_8812() {
        Order order = shop.order(OrderId.of("8812"));

        assertThat(order.id()).isEqualTo(OrderId.of("8812"));
        assertThat(order.status()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(order.total()).isEqualTo(Money.of("120.00", "CNY"));
        assertThat(order.lines()).containsExactly(new OrderLine("Ceramic mug", 2, Money.of("60.00", "CNY"), "NO_REFUND"));
    }

    @Test
    void should_report_unknown_order_as_not_found() {
        OrderNotFoundException e = catchThrowableOfType(OrderNotFoundException.class,
                () -> shop.order(OrderId.of("9999")));

        assertThat(e).hasMessage("order 9999 not found");
        assertThat(e.orderId()).isEqualTo(OrderId.of("9999"));
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void should_label_its_data_demo() {
        assertThat(shop.origin()).isEqualTo(DataOrigin.DEMO);
    }

    @Test
    void should_seed_orders_whose_lines_add_up_to_their_total() {
        assertThat(DemoShopConnector.ORDERS).isNotEmpty().allSatisfy(order -> {
            Money sum = Money.zero(order.total().currency());
            for (OrderLine line : order.lines()) {
                sum = sum.plus(line.unitPrice().times(line.quantity()));
            }
            assertThat(sum).as("lines of order %s", order.id()).isEqualTo(order.total());
            assertThat(shop.order(order.id())).isEqualTo(order);
        });
    }
}
