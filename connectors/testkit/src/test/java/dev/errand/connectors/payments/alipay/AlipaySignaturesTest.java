package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.testkit.alipay.AlipayTestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import dev.errand.connectors.payments.alipay.AlipaySignatures.MalformedResponseException;
import dev.errand.connectors.payments.alipay.AlipaySignatures.ResponseSignatureException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our RSA2 signer and verifiers against the protocol page's vectors and the official SDK as oracle. */
class AlipaySignaturesTest {
    private static final PrivateKey APP_PRIVATE = AlipaySignatures.privateKey(AlipayTestKeys.APP_PRIVATE_PEM, "app key");
    private static final PublicKey APP_PUBLIC = AlipaySignatures.publicKey(AlipayTestKeys.APP_PUBLIC_PEM, "app pub");
    private static final PrivateKey PLATFORM_PRIVATE = AlipaySignatures.privateKey(
            AlipayTestKeys.platformPrivateBase64(), "platform key");
    private static final PublicKey PLATFORM_PUBLIC = AlipaySignatures.publicKey(
            AlipayTestKeys.platformPublicBase64(), "platform pub");

    static final String V1_CONTENT = "app_id=2021000000000000&biz_content={\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\"}"
            + "&charset=utf-8&method=alipay.trade.refund&sign_type=RSA2&timestamp=2026-01-01 12:00:00&version=1.0";
    static final String V1_SIGN = "G3WYb02H2vHgVIoBaNezlhNTbZqqJpbgXuB05wKksDNs80PDYcWIEoKcG8DWy5RbNcd5wvBkEGyNW6esI9P9mYK7HIfejEBErfUoYTi/FVZB6gNCiNgbhpBqKFbMQQUQ9p5oosf8bswdgZ1cqw4ALgn2n/PlKFN/G2KupT2TmXsSrSSCslqfyBj5QBwBG+LzkYPzgtYwRPTqonj3H+DcwPUTLNA/6qyTAGHi9+uD1RU1k106lPah2DKRFHH/jqnhHbeNoAl1gdysaRuYWHYc21ql/pRacR708sSlhIwUQCdLrBIhx/NVyjfGqRo3KfBquUo0gWUj4DELbJQmKWW8qA==";
    static final String V2_TEXT = "{\"code\":\"10000\",\"msg\":\"Success\",\"buyer_logon_id\":\"tes***@example.com\",\"fund_change\":\"Y\","
            + "\"gmt_refund_pay\":\"2026-01-01 12:00:01\",\"out_trade_no\":\"T1\",\"refund_fee\":\"1.00\","
            + "\"trade_no\":\"2026010122001400000000000001\"}";
    static final String V2_SIGN = "BvuNaZ4apglfo47igsN7y/vTG6P85AlVcRRsBnekd6a8um8kVKEs0noNxQSSPWScIxkhzVTjPNotw7r+ZeY2BAFmUT4+W21hFrVAt1LEJQiwq4D+unCh3snt3JF1yV39OJn6+2OP8HE0cDJh1kpsutz5NylcQ0AANV7DyhaY39ppkpzOsXnn5SvbNUr79h2rDpidPpkmpmfE1xJrllbldfNIf89WL/4I+Ch7dYLhkty0aS8aMbe/krGC2ku2LdPOC18/4av6EgnYXtmuas8mPZHfXEUaZJD3k+TR6DGWyY2VCkW99MvDhjcY/k63n1NDz8FyUadEV/2dLmWQsEPM3A==";
    static final String V3_SIGN = "3rw0Up1x71Pu9GL/NFUvsbRFArIJPrwU+NolDgOITHegGODTgCsF1KgWzTjRAeIN+dmZkVdMvbtAlgdw7QYeqNI3JiLjNEPWi8CSJOeAPfGp4WxsXQBlqEWasRXieLhOi/iZavYhR6EqV2pimtBkG4pfR4z0L3swEWj8qM7SgiNMSCy+s4ImDia26x3SgzkCL3hYUWN7IupQWq2psEqUPOLWwM/5dwj+433ShnIrfBGGoP+y58ta61thjwctx6Tf//3GyLw8562yuBDU6ePkUSd9sfKBDfFBm+b2sNbH83YURwrhWNmEkFgln6af76vrppQE3Wq+e8PN+QmEXIWhuQ==";

    static Map<String, String> v1Params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", "alipay.trade.refund");
        params.put("app_id", "2021000000000000");
        params.put("timestamp", "2026-01-01 12:00:00");
        params.put("charset", "utf-8");
        params.put("version", "1.0");
        params.put("sign_type", "RSA2");
        params.put("notify_url", "");
        params.put("biz_content", "{\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\"}");
        return params;
    }

    static Map<String, String> v3Notification() {
        Map<String, String> params = new HashMap<>();
        params.put("app_id", "2021000000000000");
        params.put("charset", "utf-8");
        params.put("gmt_payment", "2026-01-01 12:00:00");
        params.put("notify_id", "N20260101000001");
        params.put("notify_time", "2026-01-01 12:00:05");
        params.put("notify_type", "trade_status_sync");
        params.put("out_trade_no", "T1");
        params.put("total_amount", "1.00");
        params.put("trade_no", "2026010122001400000000000001");
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("version", "1.0");
        params.put("sign_type", "RSA2");
        params.put("sign", V3_SIGN);
        return params;
    }

    @Test
    void should_sign_the_v1_request_vector_byte_for_byte() {
        assertThat(AlipaySignatures.requestContent(v1Params())).isEqualTo(V1_CONTENT);
        assertThat(AlipaySignatures.signRequest(v1Params(), APP_PRIVATE)).isEqualTo(V1_SIGN);
    }

    @Test
    void should_read_keys_as_pem_or_bare_base64_alike() {
        PrivateKey bare = AlipaySignatures.privateKey(AlipayTestKeys.bare(AlipayTestKeys.APP_PRIVATE_PEM), "k");
        assertThat(AlipaySignatures.signRequest(v1Params(), bare)).isEqualTo(V1_SIGN);
        PublicKey barePublic = AlipaySignatures.publicKey(AlipayTestKeys.bare(AlipayTestKeys.APP_PUBLIC_PEM), "k");
        assertThat(AlipaySignatures.verify(V1_CONTENT, V1_SIGN, barePublic)).isTrue();
    }

    @Test
    void should_name_the_key_and_never_show_it_when_it_cannot_be_read() {
        assertThatThrownBy(() -> AlipaySignatures.privateKey("not a key at all!", "ERRAND_PAY_APP_PRIVATE_KEY"))
                .hasMessageContaining("ERRAND_PAY_APP_PRIVATE_KEY").hasMessageNotContaining("not a key");
        assertThatThrownBy(() -> AlipaySignatures.privateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA "
                + "PRIVATE KEY-----", "ERRAND_PAY_APP_PRIVATE_KEY")).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> AlipaySignatures.publicKey(AlipayTestKeys.APP_PRIVATE_PEM, "ERRAND_PAY_PLATFORM_PUBLIC_KEY"))
                .hasMessageContaining("ERRAND_PAY_PLATFORM_PUBLIC_KEY").hasMessageNotContaining("MIIE");
    }

    @Test
    void should_verify_the_v2_response_vector_over_the_raw_text_and_refuse_one_space_more() {
        String body = "{\"alipay_trade_refund_response\":" + V2_TEXT + ",\"sign\":\"" + V2_SIGN + "\"}";
        assertThat(AlipaySignatures.verifiedResponseText(body, "alipay.trade.refund", APP_PUBLIC)).contains(V2_TEXT);

        String spaced = body.replace("\"msg\":\"Success\",", "\"msg\":\"Success\", ");
        assertThatThrownBy(() -> AlipaySignatures.verifiedResponseText(spaced, "alipay.trade.refund", APP_PUBLIC))
                .isInstanceOf(ResponseSignatureException.class);
    }

    @Test
    void should_refuse_a_response_signed_with_another_key() {
        String body = "{\"alipay_trade_refund_response\":" + V2_TEXT + ",\"sign\":\"" + V2_SIGN + "\"}";
        assertThatThrownBy(() -> AlipaySignatures.verifiedResponseText(body, "alipay.trade.refund", PLATFORM_PUBLIC))
                .isInstanceOf(ResponseSignatureException.class);
    }

    @Test
    void should_keep_the_exact_text_when_the_sign_comes_first_and_values_hold_braces_and_quotes() {
        String text = "{\"code\":\"10000\",\"msg\":\"Success\",\"subject\":\"a } \\\" { b\",\"nested\":{\"x\":1}}";
        String sign = AlipaySignatures.sign(text, PLATFORM_PRIVATE);
        String body = "{\"sign\":\"" + sign + "\", \"alipay_trade_query_response\" : " + text + "}";
        assertThat(AlipaySignatures.verifiedResponseText(body, "alipay.trade.query", PLATFORM_PUBLIC)).contains(text);
    }

    @Test
    void should_accept_a_platform_that_signed_before_escaping_slashes_as_the_sdk_does() {
        String signedText = "{\"code\":\"10000\",\"msg\":\"Success\",\"url\":\"https://a/b\"}";
        String sentText = signedText.replace("/", "\\/");
        String body = "{\"alipay_trade_query_response\":" + sentText + ",\"sign\":\""
                + AlipaySignatures.sign(signedText, PLATFORM_PRIVATE) + "\"}";
        assertThat(AlipaySignatures.verifiedResponseText(body, "alipay.trade.query", PLATFORM_PUBLIC)).contains(sentText);
    }

    @Test
    void should_refuse_a_body_holding_the_response_key_twice() {
        String text = "{\"code\":\"10000\",\"msg\":\"Success\"}";
        String sign = AlipaySignatures.sign(text, PLATFORM_PRIVATE);
        String body = "{\"alipay_trade_query_response\":" + text + ",\"sign\":\"" + sign
                + "\",\"x\":{\"alipay_trade_query_response\":{\"code\":\"40004\"}}}";
        assertThatThrownBy(() -> AlipaySignatures.verifiedResponseText(body, "alipay.trade.query", PLATFORM_PUBLIC))
                .isInstanceOf(ResponseSignatureException.class);
    }

    @Test
    void should_call_garbage_malformed_not_a_bad_signature() {
        assertThatThrownBy(() -> AlipaySignatures.verifiedResponseText("<html>502 Bad Gateway</html>",
                "alipay.trade.query", PLATFORM_PUBLIC)).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> AlipaySignatures.verifiedResponseText("{\"other_response\":{}}",
                "alipay.trade.query", PLATFORM_PUBLIC)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void should_verify_the_v3_notification_vector_without_sign_and_sign_type() {
        assertThat(AlipaySignatures.verifyNotification(v3Notification(), APP_PUBLIC)).isTrue();
        Map<String, String> forged = v3Notification();
        forged.put("total_amount", "100.00");
        assertThat(AlipaySignatures.verifyNotification(forged, APP_PUBLIC)).isFalse();
        Map<String, String> unsigned = v3Notification();
        unsigned.remove("sign");
        assertThat(AlipaySignatures.verifyNotification(unsigned, APP_PUBLIC)).isFalse();
    }

    // ---- the official SDK as oracle ----

    @Test
    void should_verify_requests_the_sdk_signs_and_the_sdk_verifies_ours() throws Exception {
        Map<String, String> params = v1Params();
        params.put("format", "json");
        params.put("alipay_sdk", "alipay-sdk-java-4.40.734.ALL");
        params.put("biz_content", "{\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\",\"refund_reason\":\"包裹丢失 & lost\"}");
        String sdkContent = AlipaySignature.getSignContent(params);
        String sdkSign = AlipaySignature.rsa256Sign(sdkContent, AlipayTestKeys.bare(AlipayTestKeys.APP_PRIVATE_PEM), "utf-8");

        assertThat(AlipaySignatures.requestContent(params)).isEqualTo(sdkContent);
        Map<String, String> signed = new HashMap<>(params);
        signed.put("sign", sdkSign);
        assertThat(AlipaySignatures.verifyRequest(signed, APP_PUBLIC)).isTrue();

        String ours = AlipaySignatures.signRequest(params, APP_PRIVATE);
        assertThat(AlipaySignature.rsa256CheckContent(sdkContent, ours,
                AlipayTestKeys.bare(AlipayTestKeys.APP_PUBLIC_PEM), "utf-8")).isTrue();
    }

    @Test
    void should_verify_responses_the_sdk_signs_and_the_sdk_verifies_ours() throws Exception {
        String text = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\",\"trade_status\":\"TRADE_SUCCESS\","
                + "\"subject\":\"杯子 \\/ mug\",\"total_amount\":\"88.80\",\"trade_no\":\"2026\"}";
        String sdkSign = AlipaySignature.rsa256Sign(text, AlipayTestKeys.platformPrivateBase64(), "utf-8");
        String body = "{\"alipay_trade_query_response\":" + text + ",\"sign\":\"" + sdkSign + "\"}";
        assertThat(AlipaySignatures.verifiedResponseText(body, "alipay.trade.query", PLATFORM_PUBLIC)).contains(text);

        String ours = AlipaySignatures.signResponse("alipay.trade.query", text, PLATFORM_PRIVATE);
        String oursSign = ours.substring(ours.indexOf(",\"sign\":\"") + 9, ours.length() - 2);
        assertThat(AlipaySignature.rsa256CheckContent(text, oursSign, AlipayTestKeys.platformPublicBase64(), "utf-8"))
                .isTrue();
    }

    @Test
    void should_verify_notifications_the_sdk_signs_and_the_sdk_verifies_ours() throws Exception {
        Map<String, String> fields = v3Notification();
        fields.remove("sign");
        fields.put("buyer_id", "2088102177846875");
        fields.put("subject", "杯子 & 碟");
        String sdkSign = AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(fields),
                AlipayTestKeys.platformPrivateBase64(), "utf-8");
        Map<String, String> sdkSigned = new HashMap<>(fields);
        sdkSigned.put("sign", sdkSign);
        assertThat(AlipaySignatures.verifyNotification(sdkSigned, PLATFORM_PUBLIC)).isTrue();

        Map<String, String> oursSigned = new HashMap<>(fields);
        oursSigned.put("sign", AlipaySignatures.signNotification(fields, PLATFORM_PRIVATE));
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(oursSigned), AlipayTestKeys.platformPublicBase64(),
                "utf-8", "RSA2")).isTrue();
    }

    @Test
    void should_map_long_or_odd_keys_to_a_stable_64_character_request_number() {
        String errandKey = "0123456789abcdef0123456789abcdef-s1";
        assertThat(AlipayRequestNumbers.of(errandKey)).isEqualTo(errandKey);
        String longKey = "k".repeat(100);
        String mapped = AlipayRequestNumbers.of(longKey);
        assertThat(mapped).hasSize(64).startsWith("h-").isEqualTo(AlipayRequestNumbers.of(longKey));
        assertThat(AlipayRequestNumbers.of(mapped)).as("a shown request number maps to itself").isEqualTo(mapped);
        assertThat(AlipayRequestNumbers.of("k".repeat(99))).isNotEqualTo(mapped);
        assertThat(AlipayRequestNumbers.of("退款 1")).hasSize(64);
    }
}
