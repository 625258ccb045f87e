package dev.errand.connectors.shop.taobao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, driven with hand-made requests: it must be as strict as the platform and no stricter. */
class TopFakeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2016-01-01T04:00:00Z"), ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TopFake top;

    @BeforeAll
    static void startFake() {
        top = TopFake.start(CLOCK);
    }

    @AfterAll
    static void stopFake() {
        top.close();
    }

    @BeforeEach
    void resetFake() {
        top.reset();
        top.stubTrade("12345678", "helloworld", "test-session", "2231958349", "{\"tid\":2231958349,\"payment\":\"200.07\"}");
    }

    /** A correctly md5-signed call for tid 2231958349, at the fake's time (2016-01-01 12:00:00 GMT+8). */
    private static Map<String, String> signedCall() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", "taobao.trade.fullinfo.get");
        params.put("app_key", "12345678");
        params.put("session", "test-session");
        params.put("timestamp", "2016-01-01 12:00:00");
        params.put("format", "json");
        params.put("v", "2.0");
        params.put("sign_method", "md5");
        params.put("fields", "tid,payment");
        params.put("tid", "2231958349");
        params.put("sign", TopSigner.sign(params, "helloworld"));
        return params;
    }

    /** GET with every parameter in the query, spaces as %20 and commas raw (unlike the connector's encoding). */
    private static String get(Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(value.replace(" ", "%20").replace(":", "%3A")));
        HttpRequest request = HttpRequest.newBuilder(URI.create(top.endpoint() + "?" + query)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    @Test
    void should_answer_a_signed_get_with_the_trade_envelope() throws Exception {
        String body = get(signedCall());

        assertThat(body).startsWith("{\"trade_fullinfo_get_response\":{\"trade\":{\"tid\":2231958349,\"payment\":\"200.07\"}")
                .contains("\"request_id\":");
        assertThat(top.receivedCalls()).singleElement()
                .satisfies(call -> assertThat(call).containsEntry("timestamp", "2016-01-01 12:00:00")
                        .containsEntry("fields", "tid,payment"));
    }

    @Test
    void should_answer_invalid_signature_exactly_like_top() throws Exception {
        Map<String, String> call = signedCall();
        call.put("fields", "tid,payment,orders");

        assertThat(get(call)).matches("\\{\"error_response\":\\{\"code\":25,\"msg\":\"Invalid signature\",\"request_id\":\"[^\"]+\"}}");
    }

    @Test
    void should_answer_missing_signature_with_code_24() throws Exception {
        Map<String, String> call = signedCall();
        call.remove("sign");

        assertThat(get(call)).contains("\"code\":24");
    }

    @Test
    void should_answer_unknown_app_key_with_code_29() throws Exception {
        Map<String, String> call = signedCall();
        call.put("app_key", "87654321");
        call.put("sign", TopSigner.sign(call, "helloworld"));

        assertThat(get(call)).contains("\"code\":29");
    }

    @Test
    void should_reject_sign_methods_other_than_md5() throws Exception {
        Map<String, String> call = signedCall();
        call.put("sign_method", "hmac-sha256");
        call.put("sign", TopSigner.sign(call, "helloworld"));

        assertThat(get(call)).contains("\"code\":25", "md5 only");
    }

    @Test
    void should_reject_timestamp_in_utc_instead_of_gmt8() throws Exception {
        Map<String, String> call = signedCall();
        call.put("timestamp", "2016-01-01 04:00:00");
        call.put("sign", TopSigner.sign(call, "helloworld"));

        assertThat(get(call)).contains("\"code\":31");
    }

    @Test
    void should_decode_the_request_captured_from_the_sdk_into_parameters_that_verify() {
        // protocols/taobao-top.md §1, with the full sign of §8
        Map<String, String> params = TopFake.decodeForm("app_key=12345678&method=taobao.trade.fullinfo.get&v=2.0"
                + "&sign=301AB0FA6207D46E4BFFA959D502B7E9835EDDDFD6D6BFF4924F28940439E70E"
                + "&timestamp=2016-01-01+12%3A00%3A00&partner_id=top-sdk-java-dynamicVersionNo&session=test-session"
                + "&format=json&sign_method=hmac-sha256");
        params.putAll(TopFake.decodeForm("fields=tid%2Cstatus%2Cpayment%2Corders&tid=2231958349"));

        assertThat(params).containsEntry("timestamp", "2016-01-01 12:00:00").containsEntry("fields", "tid,status,payment,orders");
        assertThat(TopSigner.verify(params, "helloworld")).isTrue();
    }
}
