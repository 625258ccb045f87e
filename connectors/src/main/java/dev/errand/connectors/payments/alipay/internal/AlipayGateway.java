package dev.errand.connectors.payments.alipay.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.payments.PaymentSignatureException;
import dev.errand.connectors.payments.alipay.AlipaySignatures;
import dev.errand.connectors.payments.alipay.AlipaySignatures.MalformedResponseException;
import dev.errand.connectors.payments.alipay.AlipaySignatures.ResponseSignatureException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.ConnectorResponse;
import dev.errand.connectors.sdk.Operation;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One gateway call on the connector SDK's client: protocol parameters in the query string,
 * {@code biz_content} in the form body (the client's {@link dev.errand.connectors.payments.alipay.AlipayRequestSigner}
 * adds {@code sign_type}, {@code timestamp} and {@code sign}); the answer's signature is checked over the
 * exact raw text of its {@code *_response} value before anything in it is read.
 */
public final class AlipayGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorClient client;
    private final String appId;
    private final PublicKey platformPublicKey;

    public AlipayGateway(ConnectorClient client, String appId, PublicKey platformPublicKey) {
        this.client = client;
        this.appId = appId;
        this.platformPublicKey = platformPublicKey;
    }

    /**
     * Calls {@code operation} with {@code biz} as its {@code biz_content}; a side-effecting operation
     * carries {@code idempotencyKey} (already inside {@code biz} as the platform's request number).
     *
     * @throws GatewayUnreachableException if no trustworthy answer came back: the outcome is unknown
     * @throws PaymentSignatureException if the answer's signature does not verify, or a success is unsigned
     */
    public AlipayReply call(Operation operation, Map<String, String> biz, String idempotencyKey)
            throws GatewayUnreachableException {
        String method = operation.name();
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("app_id", appId);
        protocol.put("method", method);
        protocol.put("format", "JSON");
        protocol.put("charset", "utf-8");
        protocol.put("version", "1.0");
        ConnectorRequest request = ConnectorRequest.post("").withQuery(protocol).withForm("biz_content", json(biz));
        if (idempotencyKey != null) {
            request = request.withIdempotencyKey(idempotencyKey);
        }
        try {
            return client.call(operation, request, response -> read(method, response));
        } catch (PaymentSignatureException e) {
            throw e;
        } catch (ConnectorException e) {
            if (e.retryable()) {
                throw new GatewayUnreachableException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private AlipayReply read(String method, ConnectorResponse response) {
        Optional<String> verified;
        try {
            verified = AlipaySignatures.verifiedResponseText(response.body(), method, platformPublicKey);
        } catch (MalformedResponseException e) {
            throw response.notTheFormat("a body that is not a gateway response (" + e.getMessage() + ")", e);
        } catch (ResponseSignatureException e) {
            throw new PaymentSignatureException(method + ": " + e.getMessage());
        }
        String text = verified.orElseGet(() -> ResponseText.extract(response.body(), method).signedText());
        AlipayReply reply;
        try {
            reply = AlipayReply.of(method, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw response.notTheFormat("a response value that is not JSON", e);
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
}
