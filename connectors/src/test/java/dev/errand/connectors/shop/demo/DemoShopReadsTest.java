package dev.errand.connectors.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderListing;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.OrderPage;
import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.OrderStatusFilter;
import dev.errand.connectors.shop.RefundStatus;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.connectors.shop.TraceStep;
import dev.errand.connectors.shop.TradeStatus;
import dev.errand.money.Money;
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class DemoShopReadsTest {
    private final DemoShopConnector shop = new DemoShopConnector();

    @Test
    void should_list_every_seeded_order_newest_first() {
        OrderPage page = shop.orders(OrderQuery.newest());

        assertThat(page.orders()).extracting(o -> o.id().value()).containsExactly("8812", "8815", "8813", "8814");
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.orders().get(0)).satisfies(o -> {
            assertThat(o.status()).isEqualTo(TradeStatus.WAIT_SELLER_SEND_GOODS);
            assertThat(o.payment()).isEqualTo(Money.of("120.00", "CNY"));
            assertThat(o.created()).isEqualTo(Instant.parse("2026-11-30T02:15:00Z"));
            assertThat(o.buyer()).isEqualTo("li***lei");
        });
    }

    @Test
    void should_list_by_status() {
        assertThat(shop.orders(OrderQuery.newest().withStatus(OrderStatusFilter.WAIT_BUYER_CONFIRM_GOODS)).orders())
                .extracting(o -> o.id().value()).containsExactly("8815", "8813");
        assertThat(shop.orders(OrderQuery.newest().withStatus(OrderStatusFilter.ALL_CLOSED)).orders())
                .extracting(o -> o.id().value()).containsExactly("8814");
        assertThat(shop.orders(OrderQuery.newest().withStatus(OrderStatusFilter.WAIT_BUYER_PAY)).total()).isZero();
    }

    @Test
    void should_list_by_creation_time_with_both_ends_included() {
        OrderPage page = shop.orders(OrderQuery.newest().createdBetween(
                Instant.parse("2026-11-27T13:40:00Z"), Instant.parse("2026-11-28T06:30:00Z")));

        assertThat(page.orders()).extracting(o -> o.id().value()).containsExactly("8815", "8813");
    }

    @Test
    void should_page_through_the_listing() {
        OrderPage first = shop.orders(OrderQuery.newest().page(1, 3));
        OrderPage second = shop.orders(OrderQuery.newest().page(2, 3));
        OrderPage beyond = shop.orders(OrderQuery.newest().page(3, 3));

        assertThat(first.orders()).hasSize(3);
        assertThat(first.hasNext()).isTrue();
        assertThat(second.orders()).extracting(o -> o.id().value()).containsExactly("8814");
        assertThat(second.hasNext()).isFalse();
        assertThat(beyond.orders()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);
    }

    @Test
    void should_give_every_seeded_order_a_creation_time_and_keep_listings_like_the_orders() {
        assertThat(DemoShopConnector.CREATED).containsOnlyKeys(DemoShopConnector.ORDERS.stream().map(Order::id).toList());
        for (OrderListing listing : shop.orders(OrderQuery.newest()).orders()) {
            Order order = shop.order(listing.id());
            assertThat(listing.status().name()).isEqualTo(order.status());
            assertThat(listing.payment()).isEqualTo(order.total());
            assertThat(listing.lines()).isEqualTo(order.lines());
        }
    }

    @Test
    void should_seed_the_refund_of_8814_and_none_for_8812() {
        assertThat(shop.refunds(OrderId.of("8814"))).singleElement().satisfies(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCESS);
            assertThat(refund.amount()).isEqualTo(Money.of("349.00", "CNY"));
            assertThat(refund.item()).isEqualTo("Travel backpack");
        });
        assertThat(shop.refunds(OrderId.of("8812"))).isEmpty();
    }

    @Test
    void should_seed_refunds_that_agree_with_the_refund_status_of_the_orders_lines() {
        for (Order order : DemoShopConnector.ORDERS) {
            for (OrderLine line : order.lines()) {
                var refunds = shop.refunds(order.id()).stream().filter(r -> r.item().equals(line.title())).toList();
                if (line.refundStatus().equals("NO_REFUND")) {
                    assertThat(refunds).as("refunds of %s in %s", line.title(), order.id()).isEmpty();
                } else {
                    assertThat(refunds).extracting(r -> r.status().name()).as("%s in %s", line.title(), order.id())
                            .containsExactly(line.refundStatus());
                    assertThat(refunds.get(0).amount().amount())
                            .isLessThanOrEqualTo(line.unitPrice().times(line.quantity()).amount());
                }
            }
        }
        assertThat(DemoShopConnector.REFUNDS).allSatisfy(r -> assertThat(r.created())
                .isAfter(DemoShopConnector.CREATED.get(r.orderId())));
    }

    @Test
    void should_track_shipped_orders_and_say_unshipped_ones_are_not_shipped() {
        LogisticsTrace trace = shop.logistics(OrderId.of("8815"));

        assertThat(trace.shipped()).isTrue();
        assertThat(trace.carrier()).isEqualTo("SF Express");
        assertThat(trace.steps()).isSortedAccordingTo(Comparator.comparing(TraceStep::time)).hasSize(3);
        assertThat(shop.logistics(OrderId.of("8812"))).isEqualTo(LogisticsTrace.notShipped(OrderId.of("8812")));
        assertThat(shop.logistics(OrderId.of("8814")).shipped()).isFalse();
    }

    @Test
    void should_trace_only_orders_that_left_the_seller_and_after_they_were_made() {
        assertThat(DemoShopConnector.TRACES).allSatisfy(trace -> {
            TradeStatus status = TradeStatus.fromWire(shop.order(trace.orderId()).status());
            assertThat(status).isIn(TradeStatus.WAIT_BUYER_CONFIRM_GOODS, TradeStatus.TRADE_FINISHED);
            assertThat(trace.steps().get(0).time()).isAfter(DemoShopConnector.CREATED.get(trace.orderId()));
        });
    }

    @Test
    void should_report_refunds_and_trace_of_an_unknown_order_as_not_found() {
        assertThat(catchThrowableOfType(OrderNotFoundException.class, () -> shop.refunds(OrderId.of("9999"))))
                .hasMessage("order 9999 not found");
        assertThat(catchThrowableOfType(OrderNotFoundException.class, () -> shop.logistics(OrderId.of("9999"))))
                .hasMessage("order 9999 not found");
    }

    @Test
    void should_keep_refund_list_immutable() {
        var refunds = shop.refunds(OrderId.of("8814"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refunds.add(refunds.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(refunds.get(0)).isInstanceOf(ShopRefund.class);
    }
}
