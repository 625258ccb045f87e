package dev.errand.bot.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A DingTalk sender is mapped through the policy: the corp gives the tenant, chat_ids the employee. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ChatIntakeIdentityTest {

    @Inject
    StoredRuns stored;

    @ParameterizedTest
    @CsvSource(textBlock = """
            dingcorp0001, manager4711, acme, li.lei
            dingcorp0001, stranger1, acme, dingtalk:stranger1
            """)
    void should_store_the_policy_tenant_and_employee_and_answer(String corp, String staff, String tenant,
            String employee) {
        String session = UUID.randomUUID().toString();
        DingTalkFixtures.send(DingTalkFixtures.callbackFrom(corp, staff, DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withRequestBody(containing("Order 8812"))));
        assertThat(stored.rows("select tenant, sender from chat_message where reply_to like ?", "%" + session))
                .containsExactly(tenant + " | " + employee);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            dingcorp0002, someone
            dingcorp0009, manager4711
            """)
    void should_tell_a_sender_the_policy_refuses_that_they_are_not_set_up(String corp, String staff) {
        String session = UUID.randomUUID().toString();
        DingTalkFixtures.send(DingTalkFixtures.callbackFrom(corp, staff, DingTalkFixtures.newMsgId(), "/order 8812",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withRequestBody(containing("you are not set up for Errand"))));
        assertThat(stored.rows("select tenant, sender from chat_message where reply_to like ?", "%" + session))
                .containsExactly("dingtalk:" + corp + " | dingtalk:" + staff);
        SessionWebhookResource.server().verify(0, postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                .withQueryParam("session", WireMock.equalTo(session)).withRequestBody(containing("Order 8812")));
    }
}
