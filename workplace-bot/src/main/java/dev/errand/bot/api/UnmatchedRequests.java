package dev.errand.bot.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Requests no route takes (an unknown path, a method no route has) get {@code {"error": ...}} like every other
 * error instead of Vert.x's HTML page. (Quarkus answers an empty 400 to a request target that is no valid URI,
 * e.g. {@code /%zz}, and an empty 413 to a body over the size limit, before any route.)
 */
@ApplicationScoped
public class UnmatchedRequests {

    void register(@Observes Router router) {
        router.errorHandler(404, context -> answer(context, 404, "no resource at this path"));
        router.errorHandler(405, context -> answer(context, 405, "method not allowed on this path"));
    }

    private static void answer(RoutingContext context, int status, String message) {
        if (context.response().headWritten()) {
            return;
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ApiError.json(message));
    }
}
