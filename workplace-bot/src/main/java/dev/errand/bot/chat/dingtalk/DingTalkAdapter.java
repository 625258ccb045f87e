package dev.errand.bot.chat.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.reply.Reply;
import dev.errand.bot.chat.ChatAdapter;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.config.ErrandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts replies to a DingTalk conversation's session webhook as text or markdown messages. */
@ApplicationScoped
public class DingTalkAdapter implements ChatAdapter {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final WebhookHosts hosts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    public DingTalkAdapter(ObjectMapper json, ErrandConfig config) {
        this.json = json;
        this.hosts = new WebhookHosts(config.dingtalk().webhookHosts());
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

    public WebhookHosts hosts() {
        return hosts;
    }

    @Override
    public void deliver(String sessionWebhook, Reply reply) throws ReplyDeliveryException {
        String refusal = hosts.refusal(sessionWebhook);
        if (refusal != null) {
            throw new ReplyDeliveryException(refusal, false, null);
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
            throw new ReplyDeliveryException("DingTalk session webhook did not answer: " + e.getClass().getSimpleName(),
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplyDeliveryException("interrupted while posting to DingTalk", true, e);
        }
        if (response.statusCode() != 200) {
            throw new ReplyDeliveryException("DingTalk session webhook answered HTTP " + response.statusCode(),
                    response.statusCode() >= 500, null);
        }
        Answer answer;
        try {
            answer = json.readValue(response.body(), Answer.class);
        } catch (JsonProcessingException e) {
            throw new ReplyDeliveryException("DingTalk session webhook answered a body that is not JSON", false, e);
        }
        if (answer.errcode() == null || answer.errcode() != 0) {
            // 130101 is "send too fast"; worth retrying later
            boolean retryable = answer.errcode() != null && answer.errcode() == 130101;
            throw new ReplyDeliveryException("DingTalk refused the reply: errcode " + answer.errcode() + " "
                    + answer.errmsg(), retryable, null);
        }
    }
}
