package dev.errand.bot.chat;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** A chat platform's webhook request as received: headers (names lower-cased) and the raw body. */
public record WebhookRequest(Map<String, String> headers, String body) {
    public WebhookRequest {
        headers = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
        body = Objects.requireNonNullElse(body, "");
    }

    /** A header's value, whatever the case of its name; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
