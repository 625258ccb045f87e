package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.bot.conversation.Inbox;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * DingTalk's robot callback (HTTP mode). Verifies the signature and timestamp before reading the
 * body, stores the message, answers {@code {}} at once and lets the worker reply through the
 * message's session webhook.
 */
@Path("/bot/dingtalk")
public class DingTalkResource {
    private static final Logger LOG = Logger.getLogger(DingTalkResource.class);

    private final DingTalkSignature signature;
    private final WebhookHosts hosts;
    private final ObjectMapper json;
    private final Inbox inbox;

    @Inject
    public DingTalkResource(DingTalkAppSecret secret, DingTalkAdapter adapter, ErrandConfig config, ObjectMapper json,
            Inbox inbox) {
        this.signature = new DingTalkSignature(secret.value(), Clock.systemUTC(), config.dingtalk().timestampWindow());
        this.hosts = adapter.hosts();
        this.json = json;
        this.inbox = inbox;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "DingTalk enterprise robot callback (signed with timestamp and sign headers)")
    public Response callback(@HeaderParam("timestamp") String timestamp, @HeaderParam("sign") String sign,
            String body) {
        try {
            signature.verify(timestamp, sign);
        } catch (DingTalkSignature.Rejected e) {
            LOG.infof("refused a DingTalk callback: %s", e.getMessage());
            return error(Response.Status.UNAUTHORIZED, e.getMessage());
        }
        DingTalkCallback callback;
        try {
            callback = json.readValue(body == null ? "" : body, DingTalkCallback.class);
        } catch (JsonProcessingException e) {
            return error(Response.Status.BAD_REQUEST, "body is not a DingTalk message: " + e.getOriginalMessage());
        }
        String missing = missingField(callback);
        if (missing != null) {
            return error(Response.Status.BAD_REQUEST, "field '" + missing + "' is missing");
        }
        String refusal = hosts.refusal(callback.sessionWebhook());
        if (refusal != null) {
            LOG.infof("refused a DingTalk callback: %s", refusal);
            return error(Response.Status.BAD_REQUEST, refusal);
        }
        if (!"text".equals(callback.msgtype())) {
            LOG.infof("ignored a DingTalk %s message; only text is read", callback.msgtype());
            return Response.ok(Map.of()).build();
        }
        inbox.accept(toMessage(callback));
        return Response.ok(Map.of()).build();
    }

    private static String missingField(DingTalkCallback callback) {
        if (blank(callback.msgId())) {
            return "msgId";
        }
        if (blank(callback.msgtype())) {
            return "msgtype";
        }
        if ("text".equals(callback.msgtype()) && (callback.text() == null || callback.text().content() == null)) {
            return "text.content";
        }
        if (blank(callback.sessionWebhook())) {
            return "sessionWebhook";
        }
        if (blank(callback.senderStaffId()) && blank(callback.senderId())) {
            return "senderStaffId";
        }
        return null;
    }

    private static ChatMessage toMessage(DingTalkCallback callback) {
        String tenant = firstNonBlank(callback.senderCorpId(), callback.chatbotCorpId(), "dingtalk");
        String user = firstNonBlank(callback.senderStaffId(), callback.senderId(), "unknown");
        return new ChatMessage(ChatChannel.DINGTALK, callback.msgId(), tenant, user, callback.conversationId(),
                callback.text().content().strip(), callback.sessionWebhook());
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }
}
