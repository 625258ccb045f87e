package dev.errand.connectors.testkit.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.payments.alipay.AlipaySettings;
import dev.errand.connectors.payments.alipay.AlipaySignatures;
import dev.errand.connectors.secret.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A WireMock Alipay gateway ({@code /gateway.do}) for tests, following /work/shared/protocols/alipay.md:
 * it merges query and form parameters, verifies the app's RSA2 request signature with the app public key
 * (the protocol page's test pair) like the platform, keeps trades and refunds in memory (a refund is
 * idempotent on {@code out_request_no}; a repeat answers {@code fund_change=N}; a different amount under the
 * same number is {@code ACQ.DISCORDANT_REPEAT_REQUEST}; more than what is left is
 * {@code ACQ.REFUND_AMT_NOT_EQUAL_TOTAL}), and signs every answer with a second, platform key pair over
 * the exact text of its {@code *_response} value. {@link #failNext} injects one fault into a method's next call.
 */
public final class FakeAlipayGateway implements AutoCloseable {
    public static final String APP_ID = "2021000000000000";
    public static final String PATH = "/gateway.do";

    /** A fault for one call; "money moves" says whether the refund is still made before the fault shows. */
    public enum Fault {
        /** Money moves, then the answer comes after {@link #slowAnswer()}: the client times out. */
        TIMEOUT,
        /** No money moves; the connection is reset. */
        RESET,
        /** Money moves; the answer says {@code code=10000} with {@code fund_change=N}. */
        FUND_CHANGE_N,
        /** No money moves; {@code code=20000}, {@code sub_code=aop.ACQ.SYSTEM_ERROR} (signed). */
        CODE_20000,
        /** Money moves; the answer is {@code 40004 ACQ.SYSTEM_ERROR} (signed). */
        SYSTEM_ERROR,
        /** Money moves; the answer is signed with the wrong key. */
        BAD_SIGNATURE,
        /** No money moves; HTTP 502 with an HTML page. */
        GARBAGE,
        /** Money moves; the answer carries no {@code sign} at all. */
        UNSIGNED
    }

    /** A refund the fake made (money moved). */
    public record MadeRefund(String outTradeNo, String outRequestNo, BigDecimal amount) {
    }

    private record Trade(String outTradeNo, String tradeNo, BigDecimal total, PaymentStatus status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final PublicKey APP_PUBLIC = AlipaySignatures.publicKey(AlipayTestKeys.APP_PUBLIC_PEM, "app public");
    private static final PrivateKey APP_PRIVATE = AlipaySignatures.privateKey(AlipayTestKeys.APP_PRIVATE_PEM, "app");
    private static final PrivateKey PLATFORM_PRIVATE = AlipaySignatures.privateKey(
            AlipayTestKeys.platformPrivateBase64(), "platform private");

    private final WireMockServer server;
    private final Duration slowAnswer;
    private final Map<String, Trade> trades = new HashMap<>();
    private final Map<String, MadeRefund> refundsByRequest = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    /** Starts on a free port; a {@link Fault#TIMEOUT} answers after {@code slowAnswer}. */
    public FakeAlipayGateway(Duration slowAnswer) {
        this.slowAnswer = slowAnswer;
        this.server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ResponseDefinitionBuilder.responseDefinition().withStatus(404)));
    }

    public FakeAlipayGateway() {
        this(Duration.ofSeconds(3));
    }

    /** The full gateway URL, {@code http://localhost:<port>/gateway.do}. */
    public URI gatewayUrl() {
        return URI.create("http://localhost:" + server.port() + PATH);
    }

    /** Settings an app needs to talk to this fake: app private key PEM, platform public key bare base64. */
    public AlipaySettings settings(Duration timeout) {
        return new AlipaySettings(gatewayUrl(), APP_ID, Secret.of(AlipayTestKeys.APP_PRIVATE_PEM),
                Secret.of(AlipayTestKeys.platformPublicBase64()), timeout);
    }

    public Duration slowAnswer() {
        return slowAnswer;
    }

    /** A paid (or otherwise) trade whose {@code out_trade_no} is the shop order id. */
    public synchronized FakeAlipayGateway addTrade(String outTradeNo, String tradeNo, String totalAmount,
            PaymentStatus status) {
        trades.put(outTradeNo, new Trade(outTradeNo, tradeNo, new BigDecimal(totalAmount), status));
        return this;
    }

    /** The next call of {@code method} meets {@code fault}; several calls queue in order. */
    public synchronized FakeAlipayGateway failNext(String method, Fault fault) {
        faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
        return this;
    }

    /** Calls of {@code method} that reached the fake, faulty ones included. */
    public synchronized int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** Refunds made, in order: money that moved. */
    public synchronized List<MadeRefund> refundsMade() {
        return List.copyOf(refundsByRequest.values());
    }

    /** Every request's merged, decoded parameters, in order. */
    public synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    /** Signs notification fields as the platform does ({@code sign} and {@code sign_type} excluded). */
    public static String signNotification(Map<String, String> fields) {
        return AlipaySignatures.signNotification(fields, PLATFORM_PRIVATE);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "fake-alipay-gateway";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            synchronized (FakeAlipayGateway.this) {
                return answer(event.getRequest());
            }
        }
    }

    private ResponseDefinition answer(LoggedRequest request) {
        if (!request.getUrl().startsWith(PATH) || !"POST".equals(request.getMethod().getName())) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String url = request.getUrl();
        if (url.contains("?")) {
            params.putAll(decodeForm(url.substring(url.indexOf('?') + 1)));
        }
        params.putAll(decodeForm(request.getBodyAsString()));
        requests.add(Map.copyOf(params));
        String method = params.getOrDefault("method", "");
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();

        Map<String, Object> refused = checkProtocol(params);
        if (refused != null) {
            return signed(method, refused, PLATFORM_PRIVATE, 0);
        }
        JsonNode biz;
        try {
            biz = JSON.readTree(params.getOrDefault("biz_content", "{}"));
        } catch (JsonProcessingException e) {
            return signed(method, failure("40002", "Invalid Arguments", "isv.invalid-parameter", "biz_content"), PLATFORM_PRIVATE, 0);
        }
        Deque<Fault> queued = faults.get(method);
        Fault fault = queued == null ? null : queued.poll();
        if (fault == Fault.RESET) {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault == Fault.GARBAGE) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(502)
                    .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>").build();
        }
        if (fault == Fault.CODE_20000) {
            return signed(method, failure("20000", "Service Currently Unavailable", "aop.ACQ.SYSTEM_ERROR", "系统繁忙"),
                    PLATFORM_PRIVATE, 0);
        }
        Map<String, Object> fields;
        switch (method) {
            case "alipay.trade.query":
                fields = query(biz);
                break;
            case "alipay.trade.refund":
                fields = refund(biz);
                break;
            case "alipay.trade.fastpay.refund.query":
                fields = refundQuery(biz);
                break;
            default:
                fields = failure("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
        }
        if (fault == Fault.FUND_CHANGE_N && fields.containsKey("fund_change")) {
            fields.put("fund_change", "N");
        }
        if (fault == Fault.SYSTEM_ERROR) {
            fields = failure("40004", "Business Failed", "ACQ.SYSTEM_ERROR", "系统错误");
        }
        if (fault == Fault.UNSIGNED) {
            try {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"" + method.replace('.', '_') + "_response\":" + JSON.writeValueAsString(fields) + "}")
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        PrivateKey key = fault == Fault.BAD_SIGNATURE ? APP_PRIVATE : PLATFORM_PRIVATE;
        long delay = fault == Fault.TIMEOUT ? slowAnswer.toMillis() : 0;
        return signed(method, fields, key, delay);
    }

    private Map<String, Object> checkProtocol(Map<String, String> params) {
        if (!params.containsKey("sign")) {
            return failure("40001", "Missing Required Arguments", "isv.missing-signature", "缺少签名参数");
        }
        if (!APP_ID.equals(params.get("app_id"))) {
            return failure("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            return failure("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型");
        }
        if (!TIMESTAMP.matcher(params.getOrDefault("timestamp", "")).matches()) {
            return failure("40002", "Invalid Arguments", "isv.invalid-timestamp", "非法的时间戳参数");
        }
        if (!"1.0".equals(params.get("version")) || !"utf-8".equalsIgnoreCase(params.get("charset"))) {
            return failure("40002", "Invalid Arguments", "isv.invalid-parameter", "version/charset");
        }
        if (!AlipaySignatures.verifyRequest(params, APP_PUBLIC)) {
            return failure("40002", "Invalid Arguments", "isv.invalid-signature", "无效签名");
        }
        return null;
    }

    private Map<String, Object> query(JsonNode biz) {
        Trade trade = trade(biz);
        if (trade == null) {
            return failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        Map<String, Object> fields = success();
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("buyer_logon_id", "tes***@example.com");
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", trade.total().setScale(2).toPlainString());
        fields.put("buyer_pay_amount", trade.total().setScale(2).toPlainString());
        fields.put("buyer_user_id", "2088102177846875");
        return fields;
    }

    private Map<String, Object> refund(JsonNode biz) {
        Trade trade = trade(biz);
        if (trade == null) {
            return failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(biz.path("refund_amount").asText());
        } catch (NumberFormatException e) {
            return failure("40004", "Business Failed", "ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效");
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            return failure("40004", "Business Failed", "ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效");
        }
        String requestNo = biz.path("out_request_no").asText(trade.outTradeNo());
        MadeRefund earlier = refundsByRequest.get(trade.outTradeNo() + "|" + requestNo);
        if (earlier != null) {
            if (earlier.amount().compareTo(amount) != 0) {
                return failure("40004", "Business Failed", "ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致");
            }
            return refunded(trade, "N");
        }
        if (trade.status() == PaymentStatus.TRADE_FINISHED) {
            return failure("40004", "Business Failed", "ACQ.TRADE_HAS_FINISHED", "交易已完结");
        }
        if (trade.status() != PaymentStatus.TRADE_SUCCESS) {
            return failure("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        }
        BigDecimal after = refundedTotal(trade).add(amount);
        if (after.compareTo(trade.total()) > 0) {
            return failure("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
        }
        refundsByRequest.put(trade.outTradeNo() + "|" + requestNo, new MadeRefund(trade.outTradeNo(), requestNo, amount));
        if (after.compareTo(trade.total()) == 0) {
            trades.put(trade.outTradeNo(), new Trade(trade.outTradeNo(), trade.tradeNo(), trade.total(),
                    PaymentStatus.TRADE_CLOSED));
        }
        return refunded(trade, "Y");
    }

    private Map<String, Object> refundQuery(JsonNode biz) {
        Trade trade = trade(biz);
        if (trade == null) {
            return failure("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        String requestNo = biz.path("out_request_no").asText("");
        if (requestNo.isEmpty()) {
            return failure("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_request_no");
        }
        Map<String, Object> fields = success();
        MadeRefund refund = refundsByRequest.get(trade.outTradeNo() + "|" + requestNo);
        if (refund != null) {
            fields.put("trade_no", trade.tradeNo());
            fields.put("out_trade_no", trade.outTradeNo());
            fields.put("out_request_no", requestNo);
            fields.put("total_amount", trade.total().setScale(2).toPlainString());
            fields.put("refund_amount", refund.amount().setScale(2).toPlainString());
            fields.put("refund_status", "REFUND_SUCCESS");
        }
        return fields;
    }

    private Map<String, Object> refunded(Trade trade, String fundChange) {
        Map<String, Object> fields = success();
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("buyer_logon_id", "tes***@example.com");
        fields.put("fund_change", fundChange);
        fields.put("refund_fee", refundedTotal(trade).setScale(2).toPlainString());
        fields.put("gmt_refund_pay", "2026-01-01 12:00:01");
        fields.put("buyer_user_id", "2088102177846875");
        return fields;
    }

    private BigDecimal refundedTotal(Trade trade) {
        return refundsByRequest.values().stream().filter(r -> r.outTradeNo().equals(trade.outTradeNo()))
                .map(MadeRefund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Trade trade(JsonNode biz) {
        String tradeNo = biz.path("trade_no").asText("");
        if (!tradeNo.isEmpty()) {
            return trades.values().stream().filter(t -> t.tradeNo().equals(tradeNo)).findFirst().orElse(null);
        }
        return trades.get(biz.path("out_trade_no").asText(""));
    }

    private static Map<String, Object> success() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", "10000");
        fields.put("msg", "Success");
        return fields;
    }

    private static Map<String, Object> failure(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("msg", msg);
        fields.put("sub_code", subCode);
        fields.put("sub_msg", subMsg);
        return fields;
    }

    private static ResponseDefinition signed(String method, Map<String, Object> fields, PrivateKey key, long delayMillis) {
        String text;
        try {
            text = JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String name = method.isEmpty() ? "error" : method;
        String body = name.equals("error") ? "{\"error_response\":" + text + ",\"sign\":\""
                + AlipaySignatures.sign(text, key) + "\"}" : AlipaySignatures.signResponse(name, text, key);
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/html;charset=utf-8").withBody(body);
        if (delayMillis > 0) {
            builder = builder.withFixedDelay((int) delayMillis);
        }
        return builder.build();
    }

    private static Map<String, String> decodeForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
