package dev.errand.connectors.payments.alipay.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.payments.PaymentSignatureException;
import dev.errand.connectors.payments.alipay.AlipaySettings;
import dev.errand.connectors.payments.alipay.AlipaySignatures;
import dev.errand.connectors.payments.alipay.AlipaySignatures.MalformedResponseException;
import dev.errand.connectors.payments.alipay.AlipaySignatures.ResponseSignatureException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One gateway call: protocol parameters in the query string, {@code biz_content} in the form body, all
 * covered by the RSA2 signature ({@code sign_type} included); the answer's signature checked over the exact
 * raw text of its {@code *_response} value before anything in it is read.
 */
public final class AlipayGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset GMT_PLUS_8 = ZoneOffset.ofHours(8);

    private final AlipaySettings settings;
    private final PrivateKey appPrivateKey;
    private final PublicKey platformPublicKey;
    private final AlipayTransport transport;
    private final Clock clock;

    public AlipayGateway(AlipaySettings settings, AlipayTransport transport, Clock clock) {
        this.settings = settings;
        this.appPrivateKey = AlipaySignatures.privateKey(settings.appPrivateKey().reveal(), "the app private key");
        this.platformPublicKey = AlipaySignatures.publicKey(settings.platformPublicKey().reveal(),
                "the platform public key");
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * Calls {@code method} with {@code biz} as its {@code biz_content}.
     *
     * @throws GatewayUnreachableException if no trustworthy answer came back: the outcome is unknown
     * @throws PaymentSignatureException if the answer's signature does not verify, or a success is unsigned
     */
    public AlipayReply call(String method, Map<String, String> biz) throws GatewayUnreachableException {
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("app_id", settings.appId());
        protocol.put("method", method);
        protocol.put("format", "JSON");
        protocol.put("charset", "utf-8");
        protocol.put("sign_type", "RSA2");
        protocol.put("timestamp", TIMESTAMP.format(clock.instant().atOffset(GMT_PLUS_8)));
        protocol.put("version", "1.0");
        Map<String, String> form = Map.of("biz_content", json(biz));
        Map<String, String> signed = new LinkedHashMap<>(protocol);
        signed.putAll(form);
        protocol.put("sign", AlipaySignatures.signRequest(signed, appPrivateKey));

        String gateway = settings.gateway().toString();
        URI uri = URI.create(gateway + (settings.gateway().getRawQuery() == null ? "?" : "&") + encode(protocol));
        AlipayTransport.RawResponse response;
        try {
            response = transport.postForm(uri, encode(form), settings.timeout());
        } catch (IOException e) {
            throw new GatewayUnreachableException(method + " got no answer: " + e.getClass().getSimpleName(), e);
        }
        if (response.status() >= 500) {
            throw new GatewayUnreachableException(method + " answered HTTP " + response.status(), null);
        }
        Optional<String> verified;
        try {
            verified = AlipaySignatures.verifiedResponseText(response.body(), method, platformPublicKey);
        } catch (MalformedResponseException e) {
            throw new GatewayUnreachableException(method + " answered HTTP " + response.status()
                    + " with a body that is not a gateway response (" + e.getMessage() + ")", e);
        } catch (ResponseSignatureException e) {
            throw new PaymentSignatureException(method + ": " + e.getMessage());
        }
        String text = verified.orElseGet(() -> ResponseText.extract(response.body(), method).signedText());
        AlipayReply reply;
        try {
            reply = AlipayReply.of(method, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new GatewayUnreachableException(method + " answered a response value that is not JSON", e);
        }
        if (verified.isEmpty() && (reply.accepted() || reply.code().isEmpty())) {
            // the SDK tolerates unsigned failures; a success must be signed to count
            throw new PaymentSignatureException(method + " answered without a signature");
        }
        return reply;
    }

    private static String json(Map<String, String> biz) {
        try {
            return JSON.writeValueAsString(biz);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

}
