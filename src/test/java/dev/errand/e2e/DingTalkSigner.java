package dev.errand.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs DingTalk robot callbacks as DingTalk does (protocols/dingtalk.md §1):
 * {@code Base64(HmacSHA256(key = appSecret, data = timestamp + "\n" + appSecret))}.
 * Written from the protocol, independently of the application's own verifier.
 */
final class DingTalkSigner {

    private DingTalkSigner() {
    }

    static String sign(String appSecret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + appSecret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
