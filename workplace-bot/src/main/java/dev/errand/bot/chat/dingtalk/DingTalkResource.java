package dev.errand.bot.chat.dingtalk;

import dev.errand.bot.chat.WebhookEndpoint;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/** DingTalk's enterprise robot callback (HTTP mode): answers {@code {}} at once; the reply follows in the thread. */
@Path("/bot/dingtalk")
public class DingTalkResource {

    @Inject
    DingTalkAdapter adapter;

    @Inject
    WebhookEndpoint endpoint;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "DingTalk robot callback", description = "Signed by DingTalk: sign = Base64(HmacSHA256("
            + "appSecret, timestamp + \"\\n\" + appSecret)). 401 when the signature or timestamp is wrong (checked"
            + " first), 400 naming the field when the body is malformed or over a limit, or its sessionWebhook host is"
            + " not allowed.")
    @Parameter(name = "timestamp", in = ParameterIn.HEADER, required = true, description = "milliseconds since the epoch")
    @Parameter(name = "sign", in = ParameterIn.HEADER, required = true, description = "Base64 HmacSHA256 signature")
    public Response callback(@Context HttpHeaders headers, String body) {
        return endpoint.handle(adapter, headers, body);
    }
}
