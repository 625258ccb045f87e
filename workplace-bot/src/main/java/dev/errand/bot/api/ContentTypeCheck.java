package dev.errand.bot.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a {@code Content-Type} that is no media type at all with a 415 before any route is chosen: where one path
 * has resources for several media types (JSON and multipart on {@code /api/documents}) the router would otherwise
 * fail on it with a 500. The header's value is not echoed.
 */
public class ContentTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public jakarta.ws.rs.core.Response check(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            MediaType.valueOf(contentType);
            return null;
        } catch (IllegalArgumentException e) {
            return ApiError.response(415, "Content-Type: not a media type (e.g. application/json)");
        }
    }
}
