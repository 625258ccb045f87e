package dev.errand.bot.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * The body of every error answer, {@code {"error": "..."}}, and the check that keeps Java class and package names
 * out of it.
 */
public final class ApiError {
    private static final Pattern INTERNALS = Pattern.compile(
            "dev\\.errand|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.jboss|io\\.quarkus|io\\.vertx|Exception");

    private ApiError() {
    }

    /** {@code {"error": message}} as a JSON string, so any client (even one that refuses JSON) gets the same bytes. */
    public static String json(String message) {
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
    }

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(message)).build();
    }

    /** Whether {@code text} names a Java class or package and must not reach the caller. */
    public static boolean leaksInternals(String text) {
        return text != null && INTERNALS.matcher(text).find();
    }
}
