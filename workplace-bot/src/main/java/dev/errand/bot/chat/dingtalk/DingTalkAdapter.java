package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.reply.Reply;
import dev.errand.bot.api.ApiError;
import dev.errand.bot.api.JsonErrors;
import dev.errand.bot.chat.ChatAdapter;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.chat.Inbound;
import dev.errand.bot.chat.IntakeGuard;
import dev.errand.bot.chat.InvalidMessageException;
import dev.errand.bot.chat.WebhookRequest;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.chat.TransientReplyDeliveryException;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.bot.identity.PolicyStore;
import dev.errand.agent.policy.Principal;
import java.util.Optional;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.ConnectorRateLimitedException;
import dev.errand.connectors.ConnectorRejectedException;
import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.ConnectorResponse;
import dev.errand.connectors.sdk.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * DingTalk's enterprise robot: verifies callbacks (signature and timestamp first, then the body and its
 * session webhook's host) and posts replies to the session webhook as text or markdown messages.
 */
@ApplicationScoped
public class DingTalkAdapter implements ChatAdapter {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** errcode 130101: "send too fast, exceed 20 times per minute". */
    private static final int SEND_TOO_FAST = 130101;
    /** The platform part of chat ids and workspaces in the policy file. */
    static final String PLATFORM = "dingtalk";
    private static final Logger LOG = Logger.getLogger(DingTalkAdapter.class);
    /** Reads DingTalk's answers, which hold nothing the application's mapper settings would change. */
    private static final ObjectMapper ANSWERS = new ObjectMapper();

    private final ObjectMapper json;
    private final WebhookHosts hosts;
    private final DingTalkSignature signature;
    private final Duration window;
    private final SignaturePairs pairs;
    private final PolicyStore policies;
    /** Posting a reply changes the conversation; DingTalk reads no key, so it travels only in the header. */
    private static final Operation SEND_REPLY = Operation.sideEffecting("send_reply");
    private final Clock clock = Clock.systemUTC();
    private final ConnectorClient http;

    @Inject
    public DingTalkAdapter(ObjectMapper json, ErrandConfig config, DingTalkAppSecret secret, SignaturePairs pairs,
            PolicyStore policies, MeterRegistry meters) {
        this.json = json;
        this.hosts = new WebhookHosts(config.dingtalk().webhookHosts());
        this.window = config.dingtalk().timestampWindow();
        this.signature = new DingTalkSignature(secret.value(), clock, window);
        this.pairs = pairs;
        this.policies = policies;
        // each conversation has its own session webhook URL, so requests carry absolute URLs; the base is the default host
        this.http = ConnectorClient.builder(ConnectorConfig.of("dingtalk", URI.create("https://oapi.dingtalk.com"))
                .withTimeouts(TIMEOUT, TIMEOUT)).meterRegistry(meters).build();
    }

    /** {@code {"msgtype":"text","text":{...}}} or {@code {"msgtype":"markdown","markdown":{...}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outgoing(String msgtype, TextBody text, MarkdownBody markdown) {
        static Outgoing of(Reply reply) {
            if (reply instanceof Reply.Markdown md) {
                return new Outgoing("markdown", null, new MarkdownBody(md.title(), md.text()));
            }
            if (reply instanceof Reply.Text text) {
                return new Outgoing("text", new TextBody(text.text()), null);
            }
            throw new IllegalArgumentException("unknown reply " + reply);
        }
    }

    record TextBody(String content) {
    }

    record MarkdownBody(String title, String text) {
    }

    /** DingTalk answers HTTP 200 even on failure; {@code errcode} says how it went. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Integer errcode, String errmsg) {
    }

    @Override
    public ChatChannel channel() {
        return ChatChannel.DINGTALK;
    }

    @Override
    public Inbound receive(WebhookRequest request) {
        try {
            signature.verify(request.header("timestamp"), request.header("sign"));
        } catch (DingTalkSignature.Rejected e) {
            return new Inbound.Unauthenticated(e.getMessage());
        }
        DingTalkCallback callback;
        try {
            callback = json.readValue(request.body(), DingTalkCallback.class);
        } catch (JsonProcessingException e) {
            String problem = JsonErrors.describe(e);
            return new Inbound.Invalid(problem.startsWith("body ")
                    ? "body is not a DingTalk message: it " + problem.substring("body ".length()) : problem);
        }
        if (callback == null) {
            return new Inbound.Invalid("body is not a DingTalk message: it is empty");
        }
        String missing = missingField(callback);
        if (missing != null) {
            return new Inbound.Invalid("field '" + missing + "' is missing");
        }
        // the signature covers only the timestamp: a pair is good for the message it first came with, nothing else
        // (checked where the message is stored, in the same transaction: see SignaturePairs)
        long timestamp = Long.parseLong(request.header("timestamp").trim());
        IntakeGuard pair = pairs.guard(timestamp, request.header("sign").trim(), callback.msgId(), request.body(),
                Instant.ofEpochMilli(timestamp).plus(window), clock.instant());
        boolean text = "text".equals(callback.msgtype());
        Inbound message = text && !callback.text().content().isBlank() ? toMessage(callback) : null;
        if (message instanceof Inbound.Invalid) {
            return message;
        }
        String refusal = hosts.refusal(callback.sessionWebhook());
        if (refusal != null) {
            // the refusal quotes the caller's host, which may look like a package name
            return new Inbound.Invalid(ApiError.leaksInternals(refusal)
                    ? "sessionWebhook host is not in ERRAND_DINGTALK_WEBHOOK_HOSTS" : refusal);
        }
        if (message instanceof Inbound.Accepted accepted) {
            return new Inbound.Accepted(accepted.message(), pair);
        }
        // nothing is stored for an ignored message, but its pair is remembered all the same
        Optional<String> reused = pairs.check(pair);
        if (reused.isPresent()) {
            return new Inbound.Unauthenticated(reused.get());
        }
        if (!text) {
            // the reason is logged: quote the type only when it is short and plain
            String type = callback.msgtype().matches("[A-Za-z0-9_]{1,32}") ? callback.msgtype() : "another type";
            return new Inbound.Ignored("only text messages are read, not " + type);
        }
        // an @-mention with nothing after it: nothing to answer, and a 400 would only make DingTalk report a failure
        return new Inbound.Ignored("the text is empty");
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

    /**
     * {@link Inbound.Accepted}, or {@link Inbound.Invalid} when ChatMessage refuses a value (it enforces the limits),
     * reported under the DingTalk field the value came from.
     */
    private Inbound toMessage(DingTalkCallback callback) {
        String tenantField = !blank(callback.senderCorpId()) ? "senderCorpId"
                : !blank(callback.chatbotCorpId()) ? "chatbotCorpId" : null;
        String userField = !blank(callback.senderStaffId()) ? "senderStaffId" : "senderId";
        String corp = tenantField == null ? null
                : tenantField.equals("senderCorpId") ? callback.senderCorpId() : callback.chatbotCorpId();
        String staff = userField.equals("senderStaffId") ? callback.senderStaffId() : callback.senderId();
        // the corp's tenant and the employee come from the policy, never from the message; a sender the policy
        // refuses is stored under the raw ids (no tenant has them), and the run answers that they are not set up
        Optional<Principal> sender = corp != null && corp.length() > ChatMessage.MAX_TENANT_LENGTH ? Optional.empty()
                : policies.chatSender(PLATFORM, corp, staff);
        String tenant = sender.map(Principal::tenant).orElse(PLATFORM + ":" + (corp == null ? "unknown" : corp));
        String user = sender.map(Principal::employeeId).orElse(PLATFORM + ":" + staff);
        Long expiry = callback.sessionWebhookExpiredTime();
        try {
            return new Inbound.Accepted(new ChatMessage(ChatChannel.DINGTALK, callback.msgId(), tenant, user,
                    callback.conversationId(), callback.text().content().strip(), callback.sessionWebhook(),
                    expiry == null ? null : Instant.ofEpochMilli(expiry)));
        } catch (InvalidMessageException e) {
            String field = switch (e.field()) {
                case "messageId" -> "msgId";
                case "tenant" -> tenantField;
                case "user" -> userField;
                case "threadId" -> "conversationId";
                case "text" -> "text.content";
                case "replyTo" -> "sessionWebhook";
                case "replyToExpiresAt" -> "sessionWebhookExpiredTime";
                default -> e.field();
            };
            return new Inbound.Invalid("field '" + field + "' " + e.problem());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Posts the reply through the SDK's client: transient failures (throttled, unreachable, 5xx) are retried
     * with the SDK's one policy, and what is still transient afterwards is retried by the engine, durably.
     */
    @Override
    public void deliver(String sessionWebhook, Reply reply, String idempotencyKey) throws ReplyDeliveryException {
        String refusal = hosts.refusal(sessionWebhook);
        if (refusal != null) {
            throw new ReplyDeliveryException(refusal, null);
        }
        String body;
        try {
            body = json.writeValueAsString(Outgoing.of(reply));
        } catch (JsonProcessingException e) {
            throw new ReplyDeliveryException("the reply could not be written as JSON", e);
        }
        ConnectorRequest request = ConnectorRequest.post(sessionWebhook.trim())
                .withBody(body, "application/json; charset=utf-8")
                .withIdempotencyKey(idempotencyKey);
        try {
            http.call(SEND_REPLY, request, DingTalkAdapter::readAnswer);
        } catch (Refused e) {
            throw new ReplyDeliveryException(e.getMessage(), null);
        } catch (ConnectorException e) {
            // the message names the connector and the HTTP status or the failure's type, never the webhook URL
            if (e.retryable()) {
                throw new TransientReplyDeliveryException("DingTalk session webhook: " + e.getMessage(), e);
            }
            throw new ReplyDeliveryException("DingTalk session webhook: " + e.getMessage(), e);
        }
    }

    /** DingTalk answers HTTP 200 even on failure; {@code errcode} says how it went. */
    private static Void readAnswer(ConnectorResponse response) {
        if (response.status() != 200) {
            throw new Refused("DingTalk session webhook answered HTTP " + response.status());
        }
        Answer answer;
        try {
            answer = ANSWERS.treeToValue(response.json(), Answer.class);
        } catch (JsonProcessingException e) {
            throw response.notTheFormat("a body that is not a DingTalk answer", e);
        }
        if (answer == null || answer.errcode() == null) {
            // no errcode: not DingTalk's answer (a proxy's page, another shape), so nothing is known to be posted
            throw response.notTheFormat("a body without errcode", null);
        }
        if (answer.errcode() != 0) {
            String message = "DingTalk refused the reply: errcode " + answer.errcode() + " " + answer.errmsg();
            if (answer.errcode() == SEND_TOO_FAST) {
                throw new ConnectorRateLimitedException(message, null, null);
            }
            throw new Refused(message);
        }
        return null;
    }

    /** DingTalk refused the reply for good (not 200, or an errcode other than throttling). */
    private static final class Refused extends ConnectorRejectedException {
        Refused(String message) {
            super(message, null);
        }
    }
}
