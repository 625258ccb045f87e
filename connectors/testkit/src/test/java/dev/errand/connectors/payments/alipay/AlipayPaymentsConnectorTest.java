package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.testkit.alipay.AlipayTestKeys;

import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.PaymentSignatureException;
import dev.errand.connectors.payments.PaymentsRejectedException;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsUnavailableException;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundOutcomeUnknownException;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRefusedException.Reason;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.RefundStatus;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway.Fault;
import dev.errand.connectors.sdk.ConnectorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every refund and query rule of the connector, driven through the fake gateway. */
class AlipayPaymentsConnectorTest {
    private static final String REFUND = "alipay.trade.refund";
    private static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";
    private static final String QUERY = "alipay.trade.query";
    private static final OrderId ORDER = OrderId.of("8812");
    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0-s2";

    private FakeAlipayGateway gateway;
    private AlipayPaymentsConnector payments;

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void freshGateway() {
        gateway = new FakeAlipayGateway(Duration.ofMillis(1500));
        gateway.addTrade("8812", "2026112622001400001", "120.00", PaymentStatus.TRADE_SUCCESS)
                .addTrade("8814", "2026112622001400003", "349.00", PaymentStatus.TRADE_CLOSED)
                .addTrade("8816", "2026112622001400005", "80.00", PaymentStatus.TRADE_FINISHED);
        payments = connector(gateway.settings(Duration.ofMillis(500)));
    }

    private static AlipayPaymentsConnector connector(AlipaySettings settings) {
        return connector(settings, new SimpleMeterRegistry(), ConnectorConfig.Retry.NONE);
    }

    private static AlipayPaymentsConnector connector(AlipaySettings settings, MeterRegistry meters,
            ConnectorConfig.Retry readRetry) {
        return new AlipayPaymentsConnector(settings, meters, readRetry, Clock.systemUTC(), d -> { }, Duration.ZERO);
    }

    private static RefundRequest refund(String amount, String key) {
        return new RefundRequest(ORDER, Money.of(amount, "CNY"), "parcel lost", key);
    }

    private List<String> methods() {
        return gateway.requests().stream().map(r -> r.get("method")).toList();
    }

    private List<Map<String, String>> refundCalls() {
        return gateway.requests().stream().filter(r -> REFUND.equals(r.get("method"))).toList();
    }

    // ---- payments ----

    @Test
    void should_read_the_payment_of_an_order_as_the_trade_with_that_out_trade_no() {
        Payment payment = payments.paymentForOrder(ORDER);

        assertThat(payment).isEqualTo(new Payment("2026112622001400001", ORDER, Money.of("120.00", "CNY"),
                PaymentStatus.TRADE_SUCCESS));
        assertThat(gateway.requests().get(0).get("biz_content")).isEqualTo("{\"out_trade_no\":\"8812\"}");
        assertThat(payments.origin()).isEqualTo(DataOrigin.LIVE);
    }

    @Test
    void should_report_an_unknown_order_as_not_found() {
        assertThatThrownBy(() -> payments.paymentForOrder(OrderId.of("9999")))
                .isInstanceOf(PaymentNotFoundException.class);
    }

    @Test
    void should_report_garbage_as_unavailable_never_as_not_found() {
        gateway.failNext(QUERY, Fault.GARBAGE);
        assertThatThrownBy(() -> payments.paymentForOrder(ORDER))
                .isInstanceOf(PaymentsUnavailableException.class)
                .satisfies(e -> assertThat(((PaymentsUnavailableException) e).retryable()).isTrue());
    }

    @Test
    void should_retry_reads_by_the_sdk_policy_and_count_calls_per_operation() {
        MeterRegistry meters = new SimpleMeterRegistry();
        AlipayPaymentsConnector retrying = connector(gateway.settings(Duration.ofMillis(500)), meters,
                ConnectorConfig.Retry.DEFAULT);
        gateway.failNext(QUERY, Fault.GARBAGE);

        assertThat(retrying.paymentForOrder(ORDER).status()).isEqualTo(PaymentStatus.TRADE_SUCCESS);
        assertThat(gateway.calls(QUERY)).isEqualTo(2);
        assertThat(meters.find("errand.connector.calls").tags("connector", "alipay", "operation", QUERY,
                "outcome", "success").counter()).isNotNull();
    }

    @Test
    void should_never_trust_an_answer_whose_signature_does_not_verify() {
        gateway.failNext(QUERY, Fault.BAD_SIGNATURE);
        assertThatThrownBy(() -> payments.paymentForOrder(ORDER)).isInstanceOf(PaymentSignatureException.class)
                .satisfies(e -> assertThat(((PaymentSignatureException) e).userMessage())
                        .contains("ERRAND_PAY_PLATFORM_PUBLIC_KEY"));
    }

    @Test
    void should_refuse_every_answer_when_configured_with_the_wrong_platform_key() {
        AlipaySettings fake = gateway.settings(Duration.ofMillis(500));
        AlipayPaymentsConnector misconfigured = connector(new AlipaySettings(fake.gateway(), fake.appId(),
                fake.appPrivateKey(), Secret.of(AlipayTestKeys.APP_PUBLIC_PEM), fake.timeout()));
        assertThatThrownBy(() -> misconfigured.paymentForOrder(ORDER)).isInstanceOf(PaymentSignatureException.class);
        assertThatThrownBy(() -> misconfigured.refund(refund("1.00", KEY))).isInstanceOf(PaymentSignatureException.class);
    }

    @Test
    void should_report_a_request_the_platform_refuses_to_authenticate_as_rejected_not_as_a_fact() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String strangerKey = java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate()
                .getEncoded());
        AlipaySettings fake = gateway.settings(Duration.ofMillis(500));
        AlipayPaymentsConnector wrongAppKey = connector(new AlipaySettings(fake.gateway(), fake.appId(),
                Secret.of(strangerKey), fake.platformPublicKey(), fake.timeout()));

        assertThatThrownBy(() -> wrongAppKey.refund(refund("1.00", KEY)))
                .isInstanceOfSatisfying(PaymentsRejectedException.class, e -> {
                    assertThat(e.subCode()).isEqualTo("isv.invalid-signature");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.userMessage()).contains("ERRAND_PAY_");
                });
        assertThat(gateway.refundsMade()).isEmpty();
    }

    @Test
    void should_never_count_an_unsigned_success() {
        gateway.failNext(QUERY, Fault.UNSIGNED);
        assertThatThrownBy(() -> payments.paymentForOrder(ORDER)).isInstanceOf(PaymentSignatureException.class);
    }

    @Test
    void should_name_the_key_that_cannot_be_read() {
        AlipaySettings fake = gateway.settings(Duration.ofMillis(500));
        assertThatThrownBy(() -> connector(new AlipaySettings(fake.gateway(), fake.appId(), Secret.of("nope"),
                fake.platformPublicKey(), fake.timeout())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app private key");
    }

    // ---- refunds ----

    @Test
    void should_refund_once_under_the_idempotency_key_when_fund_change_is_y() {
        Refund refund = payments.refund(refund("30.00", KEY));

        assertThat(refund).isEqualTo(new Refund(KEY, ORDER, "2026112622001400001", Money.of("30.00", "CNY"),
                Money.of("30.00", "CNY")));
        assertThat(methods()).containsExactly(REFUND);
        assertThat(refundCalls().get(0).get("biz_content")).isEqualTo("{\"out_trade_no\":\"8812\","
                + "\"refund_amount\":\"30.00\",\"out_request_no\":\"" + KEY + "\",\"refund_reason\":\"parcel lost\"}");
        assertThat(gateway.refundsMade()).containsExactly(
                new FakeAlipayGateway.MadeRefund("8812", KEY, new BigDecimal("30.00")));
    }

    @Test
    void should_answer_a_repeated_key_with_the_refund_already_made_after_confirming_it() {
        payments.refund(refund("30.00", KEY));
        Refund again = payments.refund(refund("30.00", KEY));

        assertThat(again.refundedTotal()).isEqualTo(Money.of("30.00", "CNY"));
        assertThat(methods()).containsExactly(REFUND, REFUND, REFUND_QUERY);
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_query_after_a_timeout_and_refund_once_in_total() {
        gateway.failNext(REFUND, Fault.TIMEOUT);

        Refund refund = payments.refund(refund("30.00", KEY));

        assertThat(refund.amount()).isEqualTo(Money.of("30.00", "CNY"));
        assertThat(methods()).containsExactly(REFUND, REFUND_QUERY, REFUND);
        assertThat(gateway.refundsMade()).hasSize(1);
        assertThat(refundCalls()).extracting(r -> r.get("biz_content")).containsOnly(
                refundCalls().get(0).get("biz_content"));
    }

    @Test
    void should_confirm_fund_change_n_with_the_refund_query() {
        gateway.failNext(REFUND, Fault.FUND_CHANGE_N);

        Refund refund = payments.refund(refund("30.00", KEY));

        assertThat(refund.requestNo()).isEqualTo(KEY);
        assertThat(methods()).containsExactly(REFUND, REFUND_QUERY);
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_retry_with_the_same_key_and_amount_when_20000_left_nothing_done() {
        gateway.failNext(REFUND, Fault.CODE_20000);

        payments.refund(refund("30.00", KEY));

        assertThat(methods()).containsExactly(REFUND, REFUND_QUERY, REFUND);
        assertThat(refundCalls()).extracting(r -> r.get("biz_content")).containsOnly(
                refundCalls().get(0).get("biz_content"));
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_find_the_refund_a_system_error_hid_and_not_make_it_twice() {
        gateway.failNext(REFUND, Fault.SYSTEM_ERROR);

        Refund refund = payments.refund(refund("30.00", KEY));

        assertThat(refund.refundedTotal()).isEqualTo(Money.of("30.00", "CNY"));
        assertThat(methods()).containsExactly(REFUND, REFUND_QUERY, REFUND);
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void should_never_pay_twice_whatever_the_fault(Fault fault) {
        gateway.failNext(REFUND, fault);

        try {
            Refund refund = payments.refund(refund("30.00", KEY));
            assertThat(fault).isNotIn(Fault.BAD_SIGNATURE, Fault.UNSIGNED);
            assertThat(refund.amount()).isEqualTo(Money.of("30.00", "CNY"));
        } catch (PaymentSignatureException e) {
            assertThat(fault).as("only a bad or missing signature is an error here")
                    .isIn(Fault.BAD_SIGNATURE, Fault.UNSIGNED);
        }
        assertThat(gateway.refundsMade()).hasSize(1);
        assertThat(refundCalls()).extracting(r -> r.get("biz_content")).containsOnly(
                refundCalls().get(0).get("biz_content"));
    }

    @Test
    void should_give_up_after_bounded_attempts_with_a_retryable_unknown_outcome() {
        for (int i = 0; i < AlipayPaymentsConnector.MAX_REFUND_CALLS; i++) {
            gateway.failNext(REFUND, Fault.CODE_20000);
        }

        assertThatThrownBy(() -> payments.refund(refund("30.00", KEY)))
                .isInstanceOfSatisfying(RefundOutcomeUnknownException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.requestNo()).isEqualTo(KEY);
                    assertThat(e.userMessage()).contains("8812").contains("will not refund twice");
                });
        assertThat(gateway.calls(REFUND)).isEqualTo(AlipayPaymentsConnector.MAX_REFUND_CALLS);
        assertThat(gateway.refundsMade()).isEmpty();

        payments.refund(refund("30.00", KEY));
        assertThat(gateway.refundsMade()).as("asking again later is safe").hasSize(1);
    }

    @Test
    void should_refuse_more_than_what_is_left() {
        payments.refund(refund("100.00", KEY));
        assertThatThrownBy(() -> payments.refund(refund("20.01", KEY + "x")))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AMOUNT_ABOVE_REMAINING));
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_refuse_closed_and_finished_trades_as_not_refundable() {
        assertThatThrownBy(() -> payments.refund(new RefundRequest(OrderId.of("8814"), Money.of("1.00", "CNY"), "r", KEY)))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_REFUNDABLE));
        assertThatThrownBy(() -> payments.refund(new RefundRequest(OrderId.of("8816"), Money.of("1.00", "CNY"), "r", KEY)))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_REFUNDABLE));
    }

    @Test
    void should_report_a_refund_of_an_unknown_trade_as_payment_not_found() {
        assertThatThrownBy(() -> payments.refund(new RefundRequest(OrderId.of("9999"), Money.of("1.00", "CNY"), "r", KEY)))
                .isInstanceOf(PaymentNotFoundException.class);
    }

    @Test
    void should_refuse_the_same_key_with_another_amount() {
        payments.refund(refund("30.00", KEY));
        assertThatThrownBy(() -> payments.refund(refund("31.00", KEY)))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DISCORDANT_REPEAT));
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_refuse_another_currency_naming_the_field_before_calling() {
        assertThatThrownBy(() -> payments.refund(new RefundRequest(ORDER, Money.of("30.00", "USD"), "r", KEY)))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CURRENCY_MISMATCH);
                    assertThat(e.userMessage()).contains("amount").contains("USD").contains("CNY");
                });
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void should_map_a_key_longer_than_64_characters_to_one_stable_request_number() {
        String longKey = "tenant-acme/run-" + "9".repeat(80);
        Refund first = payments.refund(refund("10.00", longKey));
        Refund again = payments.refund(refund("10.00", longKey));

        assertThat(first.requestNo()).hasSize(64).isEqualTo(again.requestNo()).isEqualTo(AlipayRequestNumbers.of(longKey));
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    // ---- refund status ----

    @Test
    void should_tell_a_refund_made_from_one_never_made() {
        payments.refund(refund("30.00", KEY));

        assertThat(payments.refundStatus(ORDER, KEY)).isEqualTo(
                new RefundStatus.Refunded(KEY, ORDER, "2026112622001400001", Money.of("30.00", "CNY")));
        assertThat(payments.refundStatus(ORDER, "other-key")).isEqualTo(new RefundStatus.NotRefunded("other-key", ORDER));
        assertThatThrownBy(() -> payments.refundStatus(OrderId.of("9999"), KEY)).isInstanceOf(PaymentNotFoundException.class);
    }

    @Test
    void should_report_an_unreachable_refund_query_as_unavailable() {
        gateway.failNext(REFUND_QUERY, Fault.RESET);
        assertThatThrownBy(() -> payments.refundStatus(ORDER, KEY)).isInstanceOf(PaymentsUnavailableException.class);
    }
}
