package dev.errand.bot.chat;

import dev.errand.bot.conversation.Inbox;
import dev.errand.workflows.engine.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What every platform's webhook resource does: hand the raw request to the platform's adapter, store
 * an accepted message in the {@link Inbox}, and answer at once ({@code {}}), or 401/400 with
 * {@code {"error": ...}} when the adapter refused the request.
 */
@ApplicationScoped
public class WebhookEndpoint {
    private static final Logger LOG = Logger.getLogger(WebhookEndpoint.class);

    @Inject
    Inbox inbox;

    public Response handle(ChatAdapter adapter, HttpHeaders headers, String body) {
        Map<String, String> firstValues = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                firstValues.put(name, values.get(0));
            }
        });
        Inbound inbound;
        try {
            inbound = adapter.receive(new WebhookRequest(firstValues, body));
        } catch (Database.DatabaseException e) {
            // the replay check could not be made: nothing stored, the platform retries
            LOG.warnf("a %s request could not be checked: %s", adapter.channel(), e.getMessage());
            return error(Response.Status.SERVICE_UNAVAILABLE, "the message could not be checked; retry later");
        }
        if (inbound instanceof Inbound.Accepted accepted) {
            try {
                inbox.accept(accepted.message(), accepted.guard());
            } catch (Inbox.RefusedException e) {
                LOG.infof("refused a %s request: %s", adapter.channel(), e.getMessage());
                return error(Response.Status.UNAUTHORIZED, e.getMessage());
            } catch (Database.DatabaseException e) {
                // not stored, so not acknowledged: the platform retries, and the retry is not a duplicate
                LOG.warnf("a %s message could not be stored: %s", adapter.channel(), e.getMessage());
                return error(Response.Status.SERVICE_UNAVAILABLE, "the message could not be stored; retry later");
            }
            return Response.ok(Map.of()).build();
        }
        if (inbound instanceof Inbound.Ignored ignored) {
            LOG.infof("ignored a %s request: %s", adapter.channel(), ignored.reason());
            return Response.ok(Map.of()).build();
        }
        if (inbound instanceof Inbound.Unauthenticated refused) {
            LOG.infof("refused a %s request: %s", adapter.channel(), refused.error());
            return error(Response.Status.UNAUTHORIZED, refused.error());
        }
        if (inbound instanceof Inbound.Invalid invalid) {
            LOG.infof("refused a %s request: %s", adapter.channel(), invalid.error());
            return error(Response.Status.BAD_REQUEST, invalid.error());
        }
        throw new IllegalStateException("unknown verdict " + inbound);
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
