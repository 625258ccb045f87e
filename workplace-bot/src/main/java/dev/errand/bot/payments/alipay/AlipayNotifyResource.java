package dev.errand.bot.payments.alipay;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The payment platform's asynchronous notifications ({@code notify_url}). Not under {@code /api}: the platform's
 * RSA2 signature authenticates it. The body is exactly {@code success} or {@code failure}, as the platform reads it.
 */
@Path("/connectors/alipay/notify")
public class AlipayNotifyResource {
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    @Inject
    AlipayNotifications notifications;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Alipay asynchronous notification", description = "Form-encoded, signed by the platform "
            + "(RSA2 over the sorted fields without sign and sign_type). Answers 'success' when recorded or already "
            + "recorded (same notify_id), 'failure' (HTTP 400) when the signature or app_id is wrong; then nothing is "
            + "recorded.")
    public Response notify(String body) {
        AlipayNotifications.Outcome outcome = notifications.receive(body);
        if (outcome == AlipayNotifications.Outcome.REFUSED) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(FAILURE).build();
        }
        return Response.ok(SUCCESS, MediaType.TEXT_PLAIN).build();
    }
}
