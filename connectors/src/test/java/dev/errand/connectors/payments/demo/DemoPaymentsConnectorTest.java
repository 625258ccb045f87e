package dev.errand.connectors.payments.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.RefundStatus;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import org.junit.jupiter.api.Test;

class DemoPaymentsConnectorTest {
    private final DemoPaymentsConnector payments = new DemoPaymentsConnector();

    private static RefundRequest refund(String order, String amount, String currency, String key) {
        return new RefundRequest(OrderId.of(order), Money.of(amount, currency), "parcel lost", key);
    }

    @Test
    void should_refund_once_per_key_and_answer_a_repeat_with_the_same_refund() {
        Refund first = payments.refund(refund("8812", "20.00", "CNY", "run1-s1"));
        Refund again = payments.refund(refund("8812", "20.00", "CNY", "run1-s1"));

        assertThat(again).isEqualTo(first);
        assertThat(first.refundedTotal()).isEqualTo(Money.of("20.00", "CNY"));
        assertThat(payments.refund(refund("8812", "30.00", "CNY", "run2-s1")).refundedTotal())
                .isEqualTo(Money.of("50.00", "CNY"));
    }

    @Test
    void should_refuse_more_than_is_left_to_refund() {
        payments.refund(refund("8812", "100.00", "CNY", "k1"));

        assertThatThrownBy(() -> payments.refund(refund("8812", "20.01", "CNY", "k2")))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.AMOUNT_ABOVE_REMAINING);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("20.00 CNY left");
    }

    @Test
    void should_refuse_a_reused_key_with_another_amount() {
        payments.refund(refund("8812", "10.00", "CNY", "k1"));

        assertThatThrownBy(() -> payments.refund(refund("8812", "11.00", "CNY", "k1")))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.DISCORDANT_REPEAT));
    }

    @Test
    void should_refuse_a_closed_trade_another_currency_and_an_unknown_order() {
        assertThatThrownBy(() -> payments.refund(refund("8814", "1.00", "CNY", "a")))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.NOT_REFUNDABLE));
        assertThatThrownBy(() -> payments.refund(refund("8812", "1.00", "USD", "b")))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> payments.refund(refund("9999", "1.00", "CNY", "c")))
                .isInstanceOf(PaymentNotFoundException.class);
    }

    @Test
    void should_not_build_a_request_with_a_negative_amount_or_a_long_key() {
        assertThatThrownBy(() -> refund("8812", "-1.00", "CNY", "k")).hasMessageContaining("positive");
        assertThatThrownBy(() -> refund("8812", "1.00", "CNY", "k".repeat(256))).hasMessageContaining("255");
        assertThatThrownBy(() -> refund("8812", "1.00", "CNY", "")).hasMessageContaining("255");
    }

    @Test
    void should_tell_a_refund_made_under_a_key_from_one_never_made() {
        Refund made = payments.refund(refund("8812", "20.00", "CNY", "run1-s1"));

        assertThat(payments.refundStatus(OrderId.of("8812"), "run1-s1")).isEqualTo(new RefundStatus.Refunded(
                "run1-s1", OrderId.of("8812"), made.tradeNo(), Money.of("20.00", "CNY")));
        assertThat(payments.refundStatus(OrderId.of("8812"), "run9-s1"))
                .isEqualTo(new RefundStatus.NotRefunded("run9-s1", OrderId.of("8812")));
        assertThat(payments.refundStatus(OrderId.of("8813"), "run1-s1")).as("the key belongs to another order")
                .isInstanceOf(RefundStatus.NotRefunded.class);
        assertThatThrownBy(() -> payments.refundStatus(OrderId.of("9999"), "run1-s1"))
                .isInstanceOf(PaymentNotFoundException.class);
    }
}
