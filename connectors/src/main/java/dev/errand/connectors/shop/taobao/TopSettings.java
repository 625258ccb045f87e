package dev.errand.connectors.shop.taobao;

import dev.errand.connectors.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Taobao-Open-Platform-style shop.
 *
 * @param endpoint the router URL, e.g. {@code https://gw.api.taobao.com/router/rest}
 * @param appKey the app's key
 * @param appSecret the app's secret, used only to sign
 * @param session the seller's authorization token
 * @param timeout the longest one call may take
 */
public record TopSettings(URI endpoint, String appKey, Secret appSecret, Secret session, Duration timeout) {
    public TopSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        if (appKey == null || appKey.isBlank()) {
            throw new IllegalArgumentException("appKey must not be blank");
        }
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(session, "session");
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
    }
}
