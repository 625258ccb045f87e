package dev.errand.bot.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.errand.bot.chat.InvalidMessageException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's read errors into messages for the caller that name the field (from Jackson's path), e.g.
 * {@code field 'text' must be a string} or {@code duplicate field 'text'}. Jackson's own messages name our classes
 * and echo input, so they are never passed on. Body-level messages start with {@code "body "}.
 */
public final class JsonErrors {
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*?)'", Pattern.DOTALL);
    /** Field names are echoed only when they look like one (they may come from the caller). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$@\\-]{1,64}");

    private JsonErrors() {
    }

    /** The caller-facing message for a failed read. */
    public static String describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidMessageException invalid) {
            return invalid.getMessage();
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            String name = plainName(duplicate.group(1));
            return name == null ? "body has a duplicate field" : "duplicate field '" + name + "'";
        }
        if (e instanceof StreamConstraintsException) {
            return "body is nested too deeply or holds a number or a string that is too long";
        }
        String field = e instanceof JsonMappingException jme ? path(jme.getPath()) : null;
        if (field != null && e.getCause() instanceof InputCoercionException) {
            return "field '" + field + "' is out of range";
        }
        if (e instanceof InputCoercionException coercion) {
            field = currentName(coercion);
            return field == null ? "body holds a number that is out of range"
                    : "field '" + field + "' is out of range";
        }
        if (field != null && e.getCause() instanceof StreamReadException cause) {
            return "field '" + field + "' " + unreadable(cause);
        }
        if (e instanceof StreamReadException) {
            return "body " + unreadable(e);
        }
        if (e instanceof PropertyBindingException unknown) {
            String name = plainName(unknown.getPropertyName());
            return name == null ? "body has an unknown field" : "unknown field '" + name + "'";
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (field == null) {
                Class<?> type = mismatch.getTargetType();
                return original.startsWith("No content") ? "body is empty"
                        : type != null && (type.isArray() || Collection.class.isAssignableFrom(type))
                                ? "body must be a JSON array" : "body must be a JSON object";
            }
            return "field '" + field + "' " + expected(mismatch.getTargetType());
        }
        return field == null ? "body is not valid" : "field '" + field + "' is not valid";
    }

    /** {@code text.content}, {@code items[2].id}; null for the root. A name that is not plain shows as {@code ?}. */
    static String path(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                String plain = plainName(reference.getFieldName());
                name.append(name.isEmpty() ? "" : ".").append(plain == null ? "?" : plain);
            } else if (reference.getIndex() >= 0) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.isEmpty() ? null : name.toString();
    }

    private static String currentName(InputCoercionException e) {
        JsonParser parser = e.getProcessor();
        if (parser != null) {
            var context = parser.getParsingContext();
            if (context != null && context.getCurrentName() != null) {
                return plainName(context.getCurrentName());
            }
        }
        return null;
    }

    private static String plainName(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches() || ApiError.leaksInternals(name)) {
            return null;
        }
        return name;
    }

    private static String unreadable(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return (original.contains("UTF-8") ? "is not valid UTF-8" : "is not valid JSON") + location(e.getLocation());
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "must be an integer";
        }
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (type.isEnum()) {
            return "is not one of the allowed values";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
