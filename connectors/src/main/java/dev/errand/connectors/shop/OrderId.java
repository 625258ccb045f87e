package dev.errand.connectors.shop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A shop order id (Taobao's {@code tid}): letters, digits, '-' or '_', at most 64 characters. */
public record OrderId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OrderId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("order id '" + value + "' must be 1-64 letters, digits, '-' or '_'");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderId of(String value) {
        return new OrderId(value == null ? null : value.trim());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
