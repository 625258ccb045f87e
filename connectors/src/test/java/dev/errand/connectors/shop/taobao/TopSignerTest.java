package dev.errand.connectors.shop.taobao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test vectors of protocols/taobao-top.md §8, plus the signing rules of §3. */
class TopSignerTest {
    private static final String SECRET = "helloworld";
    private static final String CANONICAL = "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
            + "num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0";

    /** §8 parameters with the given sign_method, deliberately not in sorted order. */
    private static Map<String, String> itemSellerGet(String signMethod) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("v", "2.0");
        params.put("timestamp", "2016-01-01 12:00:00");
        params.put("sign_method", signMethod);
        params.put("session", "test");
        params.put("num_iid", "11223344");
        params.put("method", "taobao.item.seller.get");
        params.put("format", "json");
        params.put("fields", "num_iid,title,nick,price,num");
        params.put("app_key", "12345678");
        return params;
    }

    @Test
    void should_build_canonical_string_sorted_by_name_without_separators() {
        assertThat(TopSigner.canonicalString(itemSellerGet("md5"))).isEqualTo(CANONICAL);
    }

    @Test
    void should_sort_parameter_names_by_ascii_code() {
        Map<String, String> params = Map.of("b", "2", "a", "1", "C", "3", "a_b", "4", "ab", "5");

        assertThat(TopSigner.canonicalString(params)).isEqualTo("C3a1a_b4ab5b2");
    }

    @Test
    void should_match_documented_md5_vector() {
        assertThat(TopSigner.sign(itemSellerGet("md5"), SECRET)).isEqualTo("66987CB115214E59E6EC978214934FB8");
        assertThat(TopSigner.sign(itemSellerGet("md5"), SECRET, TopSigner.Method.MD5))
                .isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void should_match_hmac_md5_vector_when_sign_method_is_hmac() {
        assertThat(TopSigner.sign(itemSellerGet("hmac"), SECRET)).isEqualTo("D56D7858309C31B6251083A874D48273");
    }

    @Test
    void should_compute_pure_hmac_md5_over_the_canonical_string_without_wrapping_the_secret() {
        assertThat(TopSigner.sign(itemSellerGet("md5"), SECRET, TopSigner.Method.HMAC_MD5))
                .isEqualTo("B4DDA503460D60A86B16E950E5D303E9");
    }

    @Test
    void should_match_hmac_sha256_vector_when_sign_method_is_hmac_sha256() {
        assertThat(TopSigner.sign(itemSellerGet("hmac-sha256"), SECRET))
                .isEqualTo("04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8");
    }

    @Test
    void should_match_signature_of_request_captured_from_the_official_sdk() {
        Map<String, String> params = new HashMap<>();
        params.put("app_key", "12345678");
        params.put("fields", "tid,status,payment,orders");
        params.put("format", "json");
        params.put("method", "taobao.trade.fullinfo.get");
        params.put("partner_id", "top-sdk-java-dynamicVersionNo");
        params.put("session", "test-session");
        params.put("sign_method", "hmac-sha256");
        params.put("tid", "2231958349");
        params.put("timestamp", "2016-01-01 12:00:00");
        params.put("v", "2.0");

        assertThat(TopSigner.sign(params, SECRET))
                .isEqualTo("301AB0FA6207D46E4BFFA959D502B7E9835EDDDFD6D6BFF4924F28940439E70E");
    }

    @Test
    void should_digest_utf8_bytes_of_non_ascii_values() {
        // reference value computed independently (Python hashlib) over "helloworld" + canonical + "helloworld"
        Map<String, String> params = Map.of("q", "陶瓷杯 200ml", "sign_method", "md5");

        assertThat(TopSigner.sign(params, SECRET)).isEqualTo("82AE629CC6587387990B485C40E3D22C");
    }

    @Test
    void should_skip_parameters_with_empty_value() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("buyer_nick", "");
        params.put("partner_id", null);

        assertThat(TopSigner.canonicalString(params)).isEqualTo(CANONICAL);
        assertThat(TopSigner.sign(params, SECRET)).isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void should_exclude_sign_parameter_from_the_signature() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "ABCDEF");

        assertThat(TopSigner.canonicalString(params)).isEqualTo(CANONICAL);
        assertThat(TopSigner.sign(params, SECRET)).isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    @Test
    void should_sign_with_md5_when_sign_method_is_absent() {
        Map<String, String> params = itemSellerGet("md5");
        Map<String, String> withoutMethod = new HashMap<>(params);
        withoutMethod.remove("sign_method");

        assertThat(TopSigner.sign(withoutMethod, SECRET))
                .isEqualTo(TopSigner.sign(withoutMethod, SECRET, TopSigner.Method.MD5))
                .isNotEqualTo(TopSigner.sign(withoutMethod, SECRET, TopSigner.Method.HMAC_MD5));
    }

    @Test
    void should_verify_a_correctly_signed_request() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "66987CB115214E59E6EC978214934FB8");

        assertThat(TopSigner.verify(params, SECRET)).isTrue();
    }

    @Test
    void should_verify_a_signature_sent_in_lower_case_hex() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "66987CB115214E59E6EC978214934FB8".toLowerCase(Locale.ROOT));

        assertThat(TopSigner.verify(params, SECRET)).isTrue();
    }

    @Test
    void should_verify_with_the_digest_named_by_sign_method() {
        Map<String, String> params = itemSellerGet("hmac-sha256");
        params.put("sign", "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8");

        assertThat(TopSigner.verify(params, SECRET)).isTrue();
    }

    @Test
    void should_reject_signature_made_with_another_secret() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "66987CB115214E59E6EC978214934FB8");

        assertThat(TopSigner.verify(params, "hellOworld")).isFalse();
    }

    @Test
    void should_reject_signature_when_a_parameter_was_tampered_with() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "66987CB115214E59E6EC978214934FB8");
        params.put("num_iid", "11223345");

        assertThat(TopSigner.verify(params, SECRET)).isFalse();
    }

    @Test
    void should_reject_signature_when_a_parameter_was_added() {
        Map<String, String> params = itemSellerGet("md5");
        params.put("sign", "66987CB115214E59E6EC978214934FB8");
        params.put("page_no", "2");

        assertThat(TopSigner.verify(params, SECRET)).isFalse();
    }

    @Test
    void should_reject_request_without_sign() {
        assertThat(TopSigner.verify(itemSellerGet("md5"), SECRET)).isFalse();
    }

    @Test
    void should_reject_unknown_sign_method_name() {
        assertThatThrownBy(() -> TopSigner.Method.fromWireName("sha1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha1");
        assertThat(TopSigner.Method.fromWireName("hmac")).isEqualTo(TopSigner.Method.HMAC_MD5);
    }
}
