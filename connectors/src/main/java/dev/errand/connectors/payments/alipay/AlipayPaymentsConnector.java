package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.Payment;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.PaymentsException;
import dev.errand.connectors.payments.PaymentsUnavailableException;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundOutcomeUnknownException;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.payments.RefundStatus;
import dev.errand.connectors.payments.alipay.internal.AlipayErrors;
import dev.errand.connectors.payments.alipay.internal.AlipayGateway;
import dev.errand.connectors.payments.alipay.internal.AlipayReply;
import dev.errand.connectors.payments.alipay.internal.GatewayUnreachableException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.Operation;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payments on an Alipay-style gateway (RSA2). A shop order's payment is the trade whose
 * {@code out_trade_no} is the order id; a refund's {@code out_request_no} is the request's idempotency key
 * ({@link AlipayRequestNumbers}). A refund counts as made only when the platform says {@code fund_change=Y}
 * or its refund query says {@code REFUND_SUCCESS}; an unknown outcome is queried and then asked again
 * with the same request number and amount, never a new one, a bounded number of times.
 *
 * <p>Calls go through the connector SDK's client (connector name {@code alipay}, metrics per operation),
 * signed by {@link AlipayRequestSigner}. Reads use the SDK's retry policy; refunds use none at the SDK
 * level, because an unknown refund outcome must be queried before it is asked again, which this class does.
 */
public final class AlipayPaymentsConnector implements PaymentsConnector {
    /** Alipay trades are in yuan. */
    public static final Currency CNY = Currency.getInstance("CNY");
    static final String CONNECTOR = "alipay";
    static final Operation QUERY = Operation.readOnly("alipay.trade.query");
    static final Operation REFUND_QUERY = Operation.readOnly("alipay.trade.fastpay.refund.query");
    /** The key is already in {@code biz_content} as {@code out_request_no}, so the placement adds nothing. */
    static final Operation REFUND = Operation.sideEffecting("alipay.trade.refund", (request, key) -> { });
    /** Refund calls for one request before the outcome is reported unknown. */
    static final int MAX_REFUND_CALLS = 3;

    /** Waits between refund attempts; tests pass one that does not sleep. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final AlipayGateway reads;
    private final AlipayGateway refunds;
    private final Pause pause;
    private final Duration firstPause;

    /**
     * @throws IllegalArgumentException if a key cannot be read (the message names which, never shows it)
     */
    public AlipayPaymentsConnector(AlipaySettings settings, MeterRegistry meters) {
        this(settings, meters, ConnectorConfig.Retry.DEFAULT, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                Duration.ofSeconds(1));
    }

    /** With metrics kept in a private registry. */
    public AlipayPaymentsConnector(AlipaySettings settings) {
        this(settings, new SimpleMeterRegistry());
    }

    AlipayPaymentsConnector(AlipaySettings settings, MeterRegistry meters, ConnectorConfig.Retry readRetry, Clock clock,
            Pause pause, Duration firstPause) {
        PrivateKey appKey = AlipaySignatures.privateKey(settings.appPrivateKey().reveal(), "the app private key");
        PublicKey platformKey = AlipaySignatures.publicKey(settings.platformPublicKey().reveal(),
                "the platform public key");
        ConnectorConfig config = ConnectorConfig.of(CONNECTOR, settings.gateway())
                .withTimeouts(Duration.ofSeconds(3).compareTo(settings.timeout()) < 0 ? Duration.ofSeconds(3)
                        : settings.timeout(), settings.timeout());
        AlipayRequestSigner signer = new AlipayRequestSigner(appKey, clock);
        this.reads = new AlipayGateway(ConnectorClient.builder(config.withRetry(readRetry)).signer(signer)
                .meterRegistry(meters).build(), settings.appId(), platformKey);
        this.refunds = new AlipayGateway(ConnectorClient.builder(config.withRetry(ConnectorConfig.Retry.NONE))
                .signer(signer).meterRegistry(meters).build(), settings.appId(), platformKey);
        this.pause = pause;
        this.firstPause = firstPause;
    }

    @Override
    public Payment paymentForOrder(OrderId orderId) throws PaymentsException {
        AlipayReply reply = call(QUERY, Map.of("out_trade_no", orderId.value()));
        if (!reply.accepted()) {
            throw AlipayErrors.queryFailure(reply, orderId);
        }
        requireSameOrder(reply, orderId);
        PaymentStatus status;
        try {
            status = PaymentStatus.valueOf(reply.field("trade_status"));
        } catch (IllegalArgumentException e) {
            throw AlipayErrors.unavailable(QUERY.name() + " answered an unknown trade_status", e);
        }
        return new Payment(required(reply, "trade_no"), orderId, amount(reply, "total_amount"), status);
    }

    @Override
    public Refund refund(RefundRequest request) throws PaymentsException {
        if (!CNY.equals(request.amount().currency())) {
            throw new RefundRefusedException(RefundRefusedException.Reason.CURRENCY_MISMATCH, "the refund amount "
                    + "(field amount) is in " + request.amount().currency().getCurrencyCode()
                    + " but payments on this platform are in CNY");
        }
        String requestNo = AlipayRequestNumbers.of(request.idempotencyKey());
        Map<String, String> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", request.orderId().value());
        biz.put("refund_amount", request.amount().amount().toPlainString());
        biz.put("out_request_no", requestNo);
        biz.put("refund_reason", request.reason());

        boolean confirmedByQuery = false;
        Exception lastUnknown = null;
        for (int call = 1; call <= MAX_REFUND_CALLS; call++) {
            if (call > 1) {
                waitBefore(call, request.orderId(), requestNo, lastUnknown);
            }
            AlipayReply reply;
            try {
                reply = refunds.call(REFUND, biz, requestNo);
            } catch (GatewayUnreachableException e) {
                lastUnknown = e;
                confirmedByQuery = refundedPerQuery(request.orderId(), requestNo);
                continue;
            }
            if (reply.accepted()) {
                // fund_change=Y is proof; N or absent (a repeat of a refund already made, or not done yet) is not
                if ("Y".equals(reply.field("fund_change")) || confirmedByQuery
                        || refundedPerQuery(request.orderId(), requestNo)) {
                    requireSameOrder(reply, request.orderId());
                    return new Refund(requestNo, request.orderId(), required(reply, "trade_no"), request.amount(),
                            amount(reply, "refund_fee"));
                }
                lastUnknown = new IllegalStateException(REFUND.name() + " accepted without fund_change and the refund query "
                        + "did not confirm it");
                continue;
            }
            if (reply.outcomeUnknown()) {
                lastUnknown = new IllegalStateException(REFUND.name() + " answered " + reply.code() + " " + reply.subCode());
                confirmedByQuery = refundedPerQuery(request.orderId(), requestNo);
                continue;
            }
            throw AlipayErrors.refundFailure(reply, request.orderId(), request.amount());
        }
        throw new RefundOutcomeUnknownException(request.orderId(), requestNo, lastUnknown);
    }

    @Override
    public RefundStatus refundStatus(OrderId orderId, String idempotencyKey) throws PaymentsException {
        String requestNo = AlipayRequestNumbers.of(idempotencyKey);
        AlipayReply reply = refundQuery(orderId, requestNo);
        if (!reply.accepted()) {
            throw AlipayErrors.queryFailure(reply, orderId);
        }
        if (!"REFUND_SUCCESS".equals(reply.field("refund_status"))) {
            return new RefundStatus.NotRefunded(requestNo, orderId);
        }
        requireSameOrder(reply, orderId);
        return new RefundStatus.Refunded(requestNo, orderId, required(reply, "trade_no"),
                amount(reply, "refund_amount"));
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.LIVE;
    }

    /** Whether the refund query confirms the refund; false when it says no or cannot answer now. */
    private boolean refundedPerQuery(OrderId orderId, String requestNo) {
        try {
            AlipayReply reply = refunds.call(REFUND_QUERY, refundQueryBiz(orderId, requestNo), null);
            return reply.accepted() && "REFUND_SUCCESS".equals(reply.field("refund_status"));
        } catch (GatewayUnreachableException e) {
            return false;
        }
    }

    private AlipayReply refundQuery(OrderId orderId, String requestNo) {
        return call(REFUND_QUERY, refundQueryBiz(orderId, requestNo));
    }

    private static Map<String, String> refundQueryBiz(OrderId orderId, String requestNo) {
        Map<String, String> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", orderId.value());
        biz.put("out_request_no", requestNo);
        return biz;
    }

    /** A read: no answer is "unavailable", never "not found". */
    private AlipayReply call(Operation operation, Map<String, String> biz) {
        try {
            return reads.call(operation, biz, null);
        } catch (GatewayUnreachableException e) {
            throw AlipayErrors.unavailable(e.getMessage(), e);
        }
    }

    private void waitBefore(int call, OrderId orderId, String requestNo, Exception lastUnknown) {
        try {
            pause.pause(firstPause.multipliedBy(1L << (call - 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefundOutcomeUnknownException(orderId, requestNo, lastUnknown);
        }
    }

    private static void requireSameOrder(AlipayReply reply, OrderId orderId) {
        String outTradeNo = reply.field("out_trade_no");
        if (!outTradeNo.isEmpty() && !outTradeNo.equals(orderId.value())) {
            throw new PaymentsUnavailableException(reply.method() + " answered about another trade", null);
        }
    }

    private static String required(AlipayReply reply, String field) {
        String value = reply.field(field);
        if (value.isEmpty()) {
            throw AlipayErrors.unavailable(reply.method() + " answered without " + field, null);
        }
        return value;
    }

    private static Money amount(AlipayReply reply, String field) {
        String value = required(reply, field);
        try {
            return new Money(new BigDecimal(value), CNY);
        } catch (IllegalArgumentException e) {
            throw AlipayErrors.unavailable(reply.method() + " answered " + field + " that is not a CNY amount", e);
        }
    }
}
