package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.reply.Reply;
import dev.errand.bot.chat.ChatAdapter;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.chat.Inbound;
import dev.errand.bot.chat.WebhookRequest;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.chat.TransientReplyDeliveryException;
import dev.errand.bot.config.ErrandConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * DingTalk's enterprise robot: verifies callbacks (signature and timestamp first, then the body and its
 * session webhook's host) and posts replies to the session webhook as text or markdown messages.
 */
@ApplicationScoped
public class DingTalkAdapter implements ChatAdapter {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** errcode 130101: "send too fast, exceed 20 times per minute". */
    private static final int SEND_TOO_FAST = 130101;

    private final ObjectMapper json;
    private final WebhookHosts hosts;
    private final DingTalkSignature signature;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    public DingTalkAdapter(ObjectMapper json, ErrandConfig config, DingTalkAppSecret secret) {
        this.json = json;
        this.hosts = new WebhookHosts(config.dingtalk().webhookHosts());
        this.signature = new DingTalkSignature(secret.value(), Clock.systemUTC(), config.dingtalk().timestampWindow());
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
            return new Inbound.Invalid("body is not a DingTalk message: " + e.getOriginalMessage());
        }
        if (callback == null) {
            return new Inbound.Invalid("body is not a DingTalk message: it is empty");
        }
        String missing = missingField(callback);
        if (missing != null) {
            return new Inbound.Invalid("field '" + missing + "' is missing");
        }
        String refusal = hosts.refusal(callback.sessionWebhook());
        if (refusal != null) {
            return new Inbound.Invalid(refusal);
        }
        if (!"text".equals(callback.msgtype())) {
            return new Inbound.Ignored("only text messages are read, not " + callback.msgtype());
        }
        return new Inbound.Accepted(toMessage(callback));
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
                callback.text().content().strip(), callback.sessionWebhook(),
                callback.sessionWebhookExpiredTime() == null ? null
                        : java.time.Instant.ofEpochMilli(callback.sessionWebhookExpiredTime()));
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

    /** Posts the reply; a transient failure (throttled, unreachable, 5xx) is retried with backoff and jitter. */
    @Override
    @Retry(maxRetries = 3, delay = 500, jitter = 250, retryOn = TransientReplyDeliveryException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public void deliver(String sessionWebhook, Reply reply) throws ReplyDeliveryException {
        String refusal = hosts.refusal(sessionWebhook);
        if (refusal != null) {
            throw new ReplyDeliveryException(refusal, null);
        }
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sessionWebhook.trim()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Outgoing.of(reply)),
                            StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientReplyDeliveryException(
                    "DingTalk session webhook did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplyDeliveryException("interrupted while posting to DingTalk", e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new TransientReplyDeliveryException("DingTalk session webhook answered HTTP " + response.statusCode(),
                    null);
        }
        if (response.statusCode() != 200) {
            throw new ReplyDeliveryException("DingTalk session webhook answered HTTP " + response.statusCode(), null);
        }
        Answer answer;
        try {
            answer = json.readValue(response.body(), Answer.class);
        } catch (JsonProcessingException e) {
            throw new ReplyDeliveryException("DingTalk session webhook answered a body that is not JSON", e);
        }
        if (answer.errcode() == null || answer.errcode() != 0) {
            String message = "DingTalk refused the reply: errcode " + answer.errcode() + " " + answer.errmsg();
            if (answer.errcode() != null && answer.errcode() == SEND_TOO_FAST) {
                throw new TransientReplyDeliveryException(message, null);
            }
            throw new ReplyDeliveryException(message, null);
        }
    }
}
