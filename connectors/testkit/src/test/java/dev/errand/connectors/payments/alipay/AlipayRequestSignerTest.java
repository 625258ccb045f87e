package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.testkit.alipay.AlipayTestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import dev.errand.connectors.sdk.OutgoingRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK signer reproduces the protocol's V1 vector and the official SDK verifies what it signs. */
class AlipayRequestSignerTest {
    private static final Clock NOON_BEIJING = Clock.fixed(Instant.parse("2026-01-01T04:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_stamp_sign_type_and_beijing_time_and_sign_query_and_form_together() throws Exception {
        Map<String, String> query = new HashMap<>(Map.of("app_id", "2021000000000000", "method", "alipay.trade.refund",
                "charset", "utf-8", "version", "1.0"));
        OutgoingRequest request = new OutgoingRequest("alipay.trade.refund", "POST",
                URI.create("https://openapi.alipay.com/gateway.do"), query,
                Map.of("biz_content", "{\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\"}"), Map.of(), null);

        new AlipayRequestSigner(AlipaySignatures.privateKey(AlipayTestKeys.APP_PRIVATE_PEM, "k"), NOON_BEIJING)
                .sign(request);

        assertThat(request.query()).containsEntry("sign_type", "RSA2").containsEntry("timestamp", "2026-01-01 12:00:00")
                .containsEntry("sign", AlipaySignaturesTest.V1_SIGN);
        Map<String, String> all = new HashMap<>(request.query());
        all.putAll(request.form());
        all.remove("sign");
        assertThat(AlipaySignature.rsa256CheckContent(AlipaySignature.getSignContent(all), request.query().get("sign"),
                AlipayTestKeys.bare(AlipayTestKeys.APP_PUBLIC_PEM), "utf-8")).isTrue();
    }
}
