package dev.errand.connectors.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopStatusesTest {

    @Test
    void should_read_every_documented_trade_status() {
        // protocols/taobao-top.md §7
        for (String wire : new String[] {"TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "SELLER_CONSIGNED_PART",
                "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED",
                "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO", "PAY_PENDING", "WAIT_PRE_AUTH_CONFIRM", "PAID_FORBID_CONSIGN"}) {
            assertThat(TradeStatus.fromWire(wire).name()).isEqualTo(wire);
        }
    }

    @Test
    void should_read_every_documented_refund_status() {
        for (String wire : new String[] {"WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS",
                "SELLER_REFUSE_BUYER", "CLOSED", "SUCCESS"}) {
            assertThat(RefundStatus.fromWire(wire).name()).isEqualTo(wire);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"WAIT_SELLER_STOCK_UP", "wait_buyer_pay", "UNKNOWN", " TRADE_FINISHED"})
    void should_read_anything_else_as_unknown(String wire) {
        assertThat(TradeStatus.fromWire(wire)).isEqualTo(TradeStatus.UNKNOWN);
        assertThat(RefundStatus.fromWire(wire)).isEqualTo(RefundStatus.UNKNOWN);
    }

    @Test
    void should_offer_a_filter_for_every_known_trade_status_and_none_for_unknown() {
        for (TradeStatus status : TradeStatus.values()) {
            boolean filtered = Arrays.stream(OrderStatusFilter.values())
                    .anyMatch(f -> f.wireName().equals(status.name()) && f.matches(status));
            assertThat(filtered).as(status.name()).isEqualTo(status != TradeStatus.UNKNOWN);
        }
        assertThat(OrderStatusFilter.ALL_WAIT_PAY.matches(TradeStatus.TRADE_NO_CREATE_PAY)).isTrue();
        assertThat(OrderStatusFilter.ALL_WAIT_PAY.matches(TradeStatus.PAY_PENDING)).isFalse();
        assertThat(Arrays.stream(OrderStatusFilter.values()).noneMatch(f -> f.matches(TradeStatus.UNKNOWN))).isTrue();
    }
}
