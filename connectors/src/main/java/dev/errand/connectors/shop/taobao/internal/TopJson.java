package dev.errand.connectors.shop.taobao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.errand.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Reads the values of TOP answers (protocols/taobao-top.md §4): money as 2-decimal yuan strings, times as
 * {@code yyyy-MM-dd HH:mm:ss} in GMT+8, lists wrapped by their singular name or, simplified, plain arrays.
 * A value of the wrong shape is an {@link IllegalArgumentException}; callers turn it into "unavailable".
 */
public final class TopJson {
    /** TOP's zone for every time it reads or writes. */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    /** TOP amounts are yuan. */
    private static final String CURRENCY = "CNY";

    private TopJson() {
    }

    /** {@code instant} as TOP writes a time, e.g. {@code 2026-03-01 20:00:00} for 12:00 UTC. */
    public static String format(Instant instant) {
        return TIME.format(instant.atOffset(ZONE));
    }

    /** The items of a list field: {@code {"trade":[...]}} or {@code [...]}; TOP leaves out an empty list. */
    public static Iterable<JsonNode> items(JsonNode parent, String field, String singular) {
        JsonNode container = parent.path(field);
        if (container.isMissingNode() || container.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (container.isArray()) {
            return container;
        }
        if (container.isObject()) {
            JsonNode list = container.path(singular);
            if (list.isMissingNode() || list.isNull()) {
                return JsonNodeFactory.instance.arrayNode();
            }
            if (list.isArray()) {
                return list;
            }
        }
        throw new IllegalArgumentException(field + " is neither a list nor an object holding " + singular + "[]");
    }

    /** A required text (or number, e.g. {@code tid}) field. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " is missing or not text");
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        return text;
    }

    /** An optional text field; empty when absent or null. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** A required amount in yuan, e.g. {@code "200.07"}. */
    public static Money money(JsonNode node, String field) {
        return Money.of(text(node, field), CURRENCY);
    }

    /** A required time. */
    public static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return LocalDateTime.parse(text, TIME).toInstant(ZONE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a yyyy-MM-dd HH:mm:ss time");
        }
    }

    /** An optional time; empty when absent, null or blank. */
    public static Optional<Instant> optionalTime(JsonNode node, String field) {
        return optionalText(node, field).isBlank() ? Optional.empty() : Optional.of(time(node, field));
    }

    /** A required whole number, sent as a JSON number or a numeric string. */
    public static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(value.asText());
        }
        throw new IllegalArgumentException(field + " is missing or not a whole number");
    }

    /** An optional boolean, {@code true}/{@code false} as JSON or text; {@code fallback} when absent. */
    public static boolean flag(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.path(field);
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        throw new IllegalArgumentException(field + " is not true or false");
    }
}
