package dev.errand.bot.identity;

import dev.errand.agent.policy.Principal;
import dev.errand.bot.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/*} request carries {@code Authorization: Bearer <key>}: the key's employee becomes the
 * {@link Caller}; without a key, or with one no employee holds, the answer is 401 {@code {"error": ...}} (the key is
 * never echoed or logged). {@code /bot/*} are verified by their platform's signature, {@code /q/*} are open.
 */
public class ApiKeyFilter {
    private static final String SCHEME = "Bearer ";

    @Inject
    PolicyStore policies;

    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Optional.of(unauthorized("missing header 'Authorization: Bearer <API key>'"));
        }
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of(unauthorized("header 'Authorization' must be 'Bearer <API key>'"));
        }
        Optional<Principal> principal = policies.byApiKey(header.substring(SCHEME.length()).strip());
        if (principal.isEmpty()) {
            return Optional.of(unauthorized("the API key is not valid"));
        }
        caller.set(principal.get());
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ApiError.response(401, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"errand\"").build();
    }
}
