package dev.errand.connectors.payments.alipay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.payments.alipay.AlipaySignatures.MalformedResponseException;
import dev.errand.connectors.payments.alipay.AlipaySignatures.ResponseSignatureException;
import java.io.IOException;
import java.util.Optional;

/**
 * Cuts the signed text out of a raw gateway body the way the platform signed it: the value of the
 * {@code *_response} key from its {@code {} to the matching {@code }}, byte for byte, never re-serialized
 * (as the SDK's {@code JsonConverter.getSignItem}).
 */
public final class ResponseText {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ERROR_ROOT = "error_response";

    private ResponseText() {
    }

    /** The signed text and the body's {@code sign}, if any. */
    public record Extracted(String rootKey, String signedText, Optional<String> sign) {
    }

    /** {@code alipay.trade.refund} → {@code alipay_trade_refund_response}. */
    public static String rootKey(String method) {
        return method.replace('.', '_') + "_response";
    }

    public static Extracted extract(String body, String method) {
        JsonNode tree;
        try {
            tree = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException("the body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedResponseException("the body is not a JSON object");
        }
        String root = rootKey(method);
        if (!tree.path(root).isObject()) {
            root = ERROR_ROOT;
            if (!tree.path(root).isObject()) {
                throw new MalformedResponseException("the body holds no " + rootKey(method));
            }
        }
        JsonNode signNode = tree.path("sign");
        Optional<String> sign = signNode.isTextual() && !signNode.asText().isEmpty()
                ? Optional.of(signNode.asText()) : Optional.empty();
        String quotedKey = "\"" + root + "\"";
        int keyAt = indexOfKey(body, quotedKey, 0);
        if (keyAt < 0) {
            throw new MalformedResponseException("the body holds no " + root);
        }
        int start = skipToValue(body, keyAt + quotedKey.length());
        int end = matchingBrace(body, start);
        if (indexOfKey(body, quotedKey, end + 1) >= 0) {
            // a second copy of the response key could make us read one value and verify another
            throw new ResponseSignatureException("the body holds " + root + " more than once");
        }
        return new Extracted(root, body.substring(start, end + 1), sign);
    }

    /** Position of {@code "key"} used as a key (outside strings, followed by ':'), or -1. */
    private static int indexOfKey(String body, String quotedKey, int from) {
        boolean inString = false;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                if (body.startsWith(quotedKey, i) && nextNonSpace(body, i + quotedKey.length()) == ':') {
                    return i;
                }
                inString = true;
            }
        }
        return -1;
    }

    private static char nextNonSpace(String body, int from) {
        for (int i = from; i < body.length(); i++) {
            if (!Character.isWhitespace(body.charAt(i))) {
                return body.charAt(i);
            }
        }
        return 0;
    }

    private static int skipToValue(String body, int afterKey) {
        int i = afterKey;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        i++; // ':'
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != '{') {
            throw new MalformedResponseException("the response value is not an object");
        }
        return i;
    }

    private static int matchingBrace(String body, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new MalformedResponseException("the response value is not closed");
    }
}
