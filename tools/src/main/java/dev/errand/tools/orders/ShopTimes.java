package dev.errand.tools.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Times as employees of the shop read and write them: the shop's zone (GMT+8), minutes in chat, seconds in arguments. */
final class ShopTimes {
    static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
    /** What a time argument may look like: a date, or a date and a time of day. */
    static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?$";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private ShopTimes() {
    }

    /** For chat: {@code 2026-11-30 10:15}. */
    static String show(Instant instant) {
        return SHOWN.format(instant.atOffset(ZONE));
    }

    /**
     * Reads argument {@code field}; a bare date is the start of that day, or its last second when {@code endOfDay},
     * so that a range "from 1 March to 5 March" holds all of 5 March.
     */
    static Instant parse(String field, String text, boolean endOfDay) {
        if (text == null || !text.matches(PATTERN)) {
            throw new IllegalArgumentException(field + " '" + text + "' must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss");
        }
        try {
            LocalDateTime local = text.length() == 10
                    ? LocalDate.parse(text, DATE).atTime(endOfDay ? LocalTime.of(23, 59, 59) : LocalTime.MIDNIGHT)
                    : LocalDateTime.parse(text, DATE_TIME);
            return local.toInstant(ZONE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a valid date or time");
        }
    }
}
