package dev.errand.bot.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.errand.bot.chat.InvalidMessageException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the REST endpoints answer: {@code {"error": "..."}} with a 4xx naming what was wrong for bad input,
 * and a generic 500 for anything unexpected. No answer carries a Java class name or Jackson's own message.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    /** A chat message field over a limit (thrown by {@code new ChatMessage(...)} inside a resource). */
    @ServerExceptionMapper
    public Response invalidMessage(InvalidMessageException e) {
        return ApiError.response(400, e.getMessage());
    }

    /** Wrong JSON types, missing or unknown fields; replaces Quarkus' own mapper, which answers no body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, Request request, UriInfo uri) {
        return readError(e, request, uri);
    }

    /** Not valid JSON, duplicate keys, limits of nesting and number size. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, Request request, UriInfo uri) {
        return readError(e, request, uri);
    }

    /**
     * Jackson reports some bad input as a definition problem (a duplicate record property did, before duplicate
     * keys were refused); Quarkus maps it to 500 without a body.
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, Request request, UriInfo uri) {
        return readError(e, request, uri);
    }

    /** Reading a request is the caller's fault (400); writing an answer is ours (500). */
    private Response readError(JsonProcessingException e, Request request, UriInfo uri) {
        if (e.getProcessor() instanceof JsonGenerator) {
            return unexpected(e, request, uri);
        }
        return ApiError.response(400, JsonErrors.describe(e));
    }

    /** Jackson's encoding detection refuses some byte sequences with this plain I/O exception. */
    @ServerExceptionMapper
    public Response undecodableBody(CharConversionException e) {
        return ApiError.response(400, "body is not valid UTF-8 JSON");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        if (e.getCause() != null) {
            // a path or query parameter did not convert to its type (a run id that is no UUID, limit=abc)
            return ApiError.response(404, "no resource matches this path and query: a parameter is malformed");
        }
        String message = e.getMessage();
        if (message == null || message.startsWith("HTTP 404") || ApiError.leaksInternals(message)) {
            message = "no resource at this path";
        }
        return ApiError.response(404, message);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Set<String> allowed = new TreeSet<>(e.getResponse().getAllowedMethods());
        String message = allowed.isEmpty() ? "method not allowed on this path"
                : "method not allowed on this path; allowed: " + String.join(", ", allowed);
        return Response.fromResponse(ApiError.response(405, message)).allow(allowed).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return ApiError.response(415, "content type not supported; send application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return ApiError.response(406, "only application/json responses are available");
    }

    /** Other JAX-RS errors; a body Jackson could not read arrives wrapped in one with status 400. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, Request request, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return ApiError.response(400, JsonErrors.describe(json));
        }
        if (e.getCause() instanceof CharConversionException) {
            return ApiError.response(400, "body is not valid UTF-8 JSON");
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "request refused" : type.getReasonPhrase().toLowerCase(Locale.ROOT);
        return ApiError.response(status, reason);
    }

    /**
     * A multipart upload that ends early or breaks its own boundaries surfaces from the form reader as a plain I/O
     * exception: the caller's body is at fault, not the server.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, Request request, UriInfo uri) {
        if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("multipart")) {
            return ApiError.response(400, "body: the multipart form is incomplete or malformed");
        }
        return unexpected(e, request, uri);
    }

    /** Last resort: logged once with an id the answer repeats; the request body is never logged. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, Request request, UriInfo uri) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "%s %s failed (error %s)", request.getMethod(), uri.getPath(), id);
        return ApiError.response(500, "internal error (error " + id + "); it has been logged");
    }
}
