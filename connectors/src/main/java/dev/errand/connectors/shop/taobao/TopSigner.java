package dev.errand.connectors.shop.taobao;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Taobao Open Platform requests: all parameters but {@code sign} and empty ones, sorted by name,
 * concatenated as name+value, digested with the app secret, upper-case hex.
 */
public final class TopSigner {

    /** The digest named by the {@code sign_method} parameter. */
    public enum Method {
        MD5("md5"), HMAC_MD5("hmac"), HMAC_SHA256("hmac-sha256");

        private final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Method fromWireName(String name) {
            for (Method m : values()) {
                if (m.wireName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown sign_method '" + name + "'");
        }
    }

    private TopSigner() {
    }

    /** The string that is digested: sorted {@code name1value1name2value2...}, without {@code sign}. */
    public static String canonicalString(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.isEmpty() && value != null && !value.isEmpty() && !"sign".equals(name)) {
                sb.append(name).append(value);
            }
        });
        return sb.toString();
    }

    /** The {@code sign} parameter for these parameters, using the digest their {@code sign_method} names. */
    public static String sign(Map<String, String> params, String secret) {
        String methodName = params.getOrDefault("sign_method", "md5");
        return sign(params, secret, Method.fromWireName(methodName));
    }

    public static String sign(Map<String, String> params, String secret, Method method) {
        String canonical = canonicalString(params);
        try {
            byte[] digest = switch (method) {
                case MD5 -> MessageDigest.getInstance("MD5")
                        .digest((secret + canonical + secret).getBytes(StandardCharsets.UTF_8));
                case HMAC_MD5 -> hmac("HmacMD5", secret, canonical);
                case HMAC_SHA256 -> hmac("HmacSHA256", secret, canonical);
            };
            return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + method + " support", e);
        }
    }

    /** Constant-time check of a received {@code sign} against the parameters. */
    public static boolean verify(Map<String, String> params, String secret) {
        String received = params.get("sign");
        if (received == null) {
            return false;
        }
        String expected = sign(params, secret);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String algorithm, String secret, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
