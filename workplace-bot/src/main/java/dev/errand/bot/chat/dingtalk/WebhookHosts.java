package dev.errand.bot.chat.dingtalk;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts Errand may post session-webhook replies to, so a crafted callback cannot make it call
 * elsewhere. An entry {@code host} allows https on the default port; {@code host:port} allows that
 * exact port over http or https.
 */
public final class WebhookHosts {
    private final List<String> entries;

    public WebhookHosts(List<String> entries) {
        this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    /** Null when the URL may be called, else the reason it may not. */
    public String refusal(String url) {
        if (url == null || url.isBlank()) {
            return "sessionWebhook is missing";
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return "sessionWebhook is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "sessionWebhook is not a plain http(s) URL";
        }
        for (String entry : entries) {
            if (entry.equals(host + ":" + uri.getPort())) {
                return null;
            }
            if (entry.equals(host) && scheme.equals("https") && (uri.getPort() == -1 || uri.getPort() == 443)) {
                return null;
            }
        }
        return "sessionWebhook host '" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + "' is not in ERRAND_DINGTALK_WEBHOOK_HOSTS";
    }
}
