package dev.errand.bot.chat.dingtalk;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.errand.bot.testkit.DingTalkFixtures;
import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.StoredRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DingTalk's sign covers only the timestamp: a captured pair must not carry another message. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class SignaturePairReplayTest {

    @Inject
    StoredRuns stored;

    @Test
    void should_refuse_a_captured_pair_with_another_body_or_msg_id() {
        String session = UUID.randomUUID().toString();
        String msgId = DingTalkFixtures.newMsgId();
        String original = DingTalkFixtures.callbackBody(msgId, "/order 8812", SessionWebhookResource.webhookUrl(session));
        String timestamp = DingTalkFixtures.nextTimestamp();
        String sign = DingTalkSignature.sign(timestamp, DingTalkFixtures.SECRET);

        DingTalkFixtures.send(original, timestamp, sign).then().statusCode(200);

        String otherSession = UUID.randomUUID().toString();
        // another message (new msgId) from another corp and user, under the captured pair
        String forged = DingTalkFixtures.callbackFrom("dingcorp0002", "cfo", DingTalkFixtures.newMsgId(),
                "/order 8813", SessionWebhookResource.webhookUrl(otherSession));
        DingTalkFixtures.send(forged, timestamp, sign).then().statusCode(401).contentType("application/json")
                .body("error", equalTo("headers 'timestamp' and 'sign' were already used for another message"));
        // the same msgId with another body
        String sameIdOtherBody = DingTalkFixtures.callbackBody(msgId, "/payment 8812",
                SessionWebhookResource.webhookUrl(otherSession));
        DingTalkFixtures.send(sameIdOtherBody, timestamp, sign).then().statusCode(401);

        // the platform's retry of the very same message passes, and is answered once
        DingTalkFixtures.send(original, timestamp, sign).then().statusCode(200).body(equalTo("{}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))));
        assertThat(stored.countFor(session)).isEqualTo(1);
        assertThat(stored.countFor(otherSession)).isZero();
        SessionWebhookResource.server().verify(0, postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(otherSession)));
    }

    @Test
    void should_remember_the_pair_of_a_message_it_ignores() {
        String session = UUID.randomUUID().toString();
        String timestamp = DingTalkFixtures.nextTimestamp();
        String sign = DingTalkSignature.sign(timestamp, DingTalkFixtures.SECRET);
        // an @-mention with nothing after it: acknowledged, nothing to answer, nothing stored
        String empty = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "  ",
                SessionWebhookResource.webhookUrl(session));
        DingTalkFixtures.send(empty, timestamp, sign).then().statusCode(200);

        String forged = DingTalkFixtures.callbackBody(DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session));
        DingTalkFixtures.send(forged, timestamp, sign).then().statusCode(401);

        assertThat(stored.countFor(session)).isZero();
    }
}
