package dev.errand.bot.chat.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies DingTalk's callback headers: {@code sign = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret))}
 * and {@code |now - timestamp| <= window}. {@link #sign} is the twin tests and scripts use.
 */
public final class DingTalkSignature {
    private final String appSecret;
    private final Clock clock;
    private final Duration window;

    public DingTalkSignature(String appSecret, Clock clock, Duration window) {
        this.appSecret = appSecret;
        this.clock = clock;
        this.window = window;
    }

    /** Why a callback was refused; the message is safe to return to the caller. */
    public static final class Rejected extends Exception {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Accepts the headers or throws {@link Rejected} naming what is wrong. */
    public void verify(String timestampHeader, String signHeader) throws Rejected {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw new Rejected("missing header 'timestamp'");
        }
        if (signHeader == null || signHeader.isBlank()) {
            throw new Rejected("missing header 'sign'");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw new Rejected("header 'timestamp' is not milliseconds since the epoch");
        }
        long skew = Math.abs(clock.millis() - timestamp);
        if (skew > window.toMillis()) {
            throw new Rejected("header 'timestamp' is outside the " + window.toMinutes() + "-minute window");
        }
        byte[] expected = sign(timestampHeader.trim(), appSecret).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signHeader.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("header 'sign' does not match");
        }
    }

    /** The {@code sign} header DingTalk sends with {@code timestamp}. */
    public static String sign(String timestamp, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }
}
