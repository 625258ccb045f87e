package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an Alipay-style gateway.
 *
 * @param gateway the full gateway URL, e.g. {@code https://openapi.alipay.com/gateway.do}
 * @param appId the application id, e.g. {@code 2021000000000000}
 * @param appPrivateKey the app's RSA private key, PKCS#8 as PEM or bare base64; signs requests
 * @param platformPublicKey the platform's (not the app's) RSA public key, PEM or bare base64; verifies answers
 * @param timeout the longest one HTTP call may take
 */
public record AlipaySettings(URI gateway, String appId, Secret appPrivateKey, Secret platformPublicKey,
        Duration timeout) {
    public AlipaySettings {
        Objects.requireNonNull(gateway, "gateway");
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        Objects.requireNonNull(appPrivateKey, "appPrivateKey");
        Objects.requireNonNull(platformPublicKey, "platformPublicKey");
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
    }
}
