package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.payments.alipay.internal.ResponseText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alipay's RSA2 (SHA256withRSA) signatures as the gateway API uses them: requests (every parameter but
 * {@code sign}, {@code sign_type} included), responses (the exact raw text of the {@code *_response}
 * value) and asynchronous notifications ({@code sign} and {@code sign_type} excluded). Each check has its
 * signing twin, which the fake gateway and tests use.
 */
public final class AlipaySignatures {
    private static final String ALGORITHM = "SHA256withRSA";

    private AlipaySignatures() {
    }

    /** The text a request's signature covers: parameters sorted by key, empty ones and {@code sign} dropped. */
    public static String requestContent(Map<String, String> params) {
        return content(params, Set.of("sign"));
    }

    /** The text a notification's signature covers: like a request, with {@code sign_type} dropped too. */
    public static String notificationContent(Map<String, String> params) {
        return content(params, Set.of("sign", "sign_type"));
    }

    /** Signs a request's parameters (query and form together) with the app's private key. */
    public static String signRequest(Map<String, String> params, PrivateKey appPrivateKey) {
        return sign(requestContent(params), appPrivateKey);
    }

    /** Whether a request carries a valid {@code sign}: what the platform checks. */
    public static boolean verifyRequest(Map<String, String> params, PublicKey appPublicKey) {
        String sign = params.get("sign");
        return sign != null && verify(requestContent(params), sign, appPublicKey);
    }

    /** Whether a notification carries a valid {@code sign} from the platform ({@code rsaCheckV1}). */
    public static boolean verifyNotification(Map<String, String> params, PublicKey platformPublicKey) {
        String sign = params.get("sign");
        return sign != null && !sign.isEmpty() && verify(notificationContent(params), sign, platformPublicKey);
    }

    /** Signs a notification's fields as the platform does. */
    public static String signNotification(Map<String, String> params, PrivateKey platformPrivateKey) {
        return sign(notificationContent(params), platformPrivateKey);
    }

    /**
     * The response of {@code method} as the platform sends it: {@code {"<root>":<text>,"sign":"..."}}
     * where {@code text} is signed byte for byte.
     */
    public static String signResponse(String method, String responseJsonText, PrivateKey platformPrivateKey) {
        return "{\"" + ResponseText.rootKey(method) + "\":" + responseJsonText + ",\"sign\":\""
                + sign(responseJsonText, platformPrivateKey) + "\"}";
    }

    /**
     * Finds the {@code *_response} value of {@code method} (or {@code error_response}) in a raw body and
     * checks its signature over its exact text. Answers the verified text; empty when the body carries no
     * {@code sign} (the platform leaves some failures unsigned).
     *
     * @throws MalformedResponseException if the body is not a gateway response to {@code method}
     * @throws ResponseSignatureException if the signature does not match or the response value occurs twice
     */
    public static Optional<String> verifiedResponseText(String rawBody, String method, PublicKey platformPublicKey) {
        ResponseText.Extracted extracted = ResponseText.extract(rawBody, method);
        if (extracted.sign().isEmpty()) {
            return Optional.empty();
        }
        String text = extracted.signedText();
        String sign = extracted.sign().get();
        if (verify(text, sign, platformPublicKey)) {
            return Optional.of(text);
        }
        // the SDK accepts a platform that signed the text before escaping '/' as '\/'
        if (text.contains("\\/") && verify(text.replace("\\/", "/"), sign, platformPublicKey)) {
            return Optional.of(text);
        }
        throw new ResponseSignatureException("the " + ResponseText.rootKey(method) + " signature does not match");
    }

    /** SHA256withRSA over the UTF-8 bytes of {@code content}, standard base64. */
    public static String sign(String content, PrivateKey privateKey) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA2 signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Whether {@code sign} (base64) is a SHA256withRSA signature of {@code content}; malformed input is false. */
    public static boolean verify(String content, String sign, PublicKey publicKey) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getMimeDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads an RSA private key in PKCS#8, as a PEM ({@code -----BEGIN PRIVATE KEY-----}) or bare base64.
     *
     * @throws IllegalArgumentException naming {@code what} (never showing the key) if it cannot be read
     */
    public static PrivateKey privateKey(String pemOrBase64, String what) {
        Objects.requireNonNull(pemOrBase64, what);
        if (pemOrBase64.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(what + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64, what)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an RSA private key in PKCS#8");
        }
    }

    /**
     * Reads an RSA public key (X.509 SubjectPublicKeyInfo), as a PEM or bare base64.
     *
     * @throws IllegalArgumentException naming {@code what} if it cannot be read
     */
    public static PublicKey publicKey(String pemOrBase64, String what) {
        Objects.requireNonNull(pemOrBase64, what);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pemOrBase64, what)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an RSA public key");
        }
    }

    private static byte[] der(String pemOrBase64, String what) {
        String body = pemOrBase64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is neither a PEM nor base64");
        }
    }

    private static String content(Map<String, String> params, Set<String> excluded) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> e.getKey() != null && !e.getKey().isEmpty() && !excluded.contains(e.getKey()))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** The body is not a gateway response (not JSON, HTML error page, no {@code *_response} value). */
    public static final class MalformedResponseException extends RuntimeException {
        public MalformedResponseException(String message) {
            super(message);
        }
    }

    /** A response's signature did not verify, or its signed value is ambiguous. */
    public static final class ResponseSignatureException extends RuntimeException {
        public ResponseSignatureException(String message) {
            super(message);
        }
    }
}
