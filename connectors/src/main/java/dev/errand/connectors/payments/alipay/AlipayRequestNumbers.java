package dev.errand.connectors.payments.alipay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Turns an idempotency key into Alipay's {@code out_request_no} (at most 64 characters). A key that fits
 * and uses only letters, digits, '-', '_' and '.' is sent as it is (Errand's own keys always do); any other
 * is mapped deterministically to {@code h-} followed by the first 62 hex digits of its SHA-256, so the same
 * key always gives the same request number. Mapping a request number again gives itself, so a number shown
 * to an employee can be used to look the refund up.
 */
public final class AlipayRequestNumbers {
    public static final int MAX_LENGTH = 64;
    private static final Pattern SENT_AS_IS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private AlipayRequestNumbers() {
    }

    public static String of(String idempotencyKey) {
        if (SENT_AS_IS.matcher(idempotencyKey).matches()) {
            return idempotencyKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(digest).substring(0, MAX_LENGTH - 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
