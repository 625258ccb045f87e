package dev.errand.bot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.testkit.DingTalkFixtures;
import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.StoredRuns;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.NewRun;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every request, step and reply lands in PostgreSQL; a run left by a dead node is taken over. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ConversationPersistenceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StoredRuns stored;

    @Inject
    Engine engine;

    @Test
    void should_store_the_engine_and_chat_tables_in_postgresql() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(stored.rows("select table_name from information_schema.tables where table_schema = 'errand_test' "
                + "order by table_name")).contains("chat_message", "wf_run", "wf_signal", "wf_step")
                .doesNotContain("agent_run", "run_step", "inbound_message");
    }

    @Test
    void should_store_request_steps_reply_and_delivery_of_a_conversation() {
        String session = UUID.randomUUID().toString();
        String msgId = DingTalkFixtures.newMsgId();
        DingTalkFixtures.send(DingTalkFixtures.callbackBody(msgId, "/order 8813",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> stored.rows(
                "select m.delivery_status from chat_message m where m.channel = 'DINGTALK' and m.message_id = ?", msgId)
                .equals(List.of("DELIVERED")));

        UUID runId = UUID.fromString(stored.rows("select run_id from chat_message where message_id = ?", msgId).get(0));
        assertThat(stored.rows("select channel, tenant, sender, thread_id, request_text, reply_title from chat_message "
                + "where run_id = ?", runId))
                .containsExactly("DINGTALK | acme | li.lei | cidXyZ123abc== | /order 8813 | Order 8813"); // as the policy maps them
        assertThat(stored.rows("select reply_text from chat_message where run_id = ?", runId).get(0))
                .contains("- Amount: 236.50 CNY").contains("Desk lamp × 1 at 199.00 CNY");
        assertThat(stored.rows("select status, kind, ordering_key from wf_run where id = ?", runId))
                .containsExactly("SUCCEEDED | chat | DINGTALK:acme:cidXyZ123abc==");
        assertThat(stored.rows("select step_id, name, input, status, attempts from wf_step where run_id = ? "
                + "order by coalesce(finished_at, started_at), step_id", runId)).containsExactly(
                "plan | plan | {\"plan\":{\"steps\":[{\"id\":\"s1\",\"tool\":\"get_order\",\"arguments\":{\"orderId\":"
                        + "\"8813\"},\"after\":[]}]},\"calls\":[{\"step\":\"s1\",\"tool\":\"get_order\"}]} | SUCCEEDED | 1",
                "s1 | get_order | {\"orderId\":\"8813\"} | SUCCEEDED | 1",
                "reply | reply | {} | SUCCEEDED | 1",
                "deliver | deliver | {} | SUCCEEDED | 1");
        assertThat(stored.rows("select output from wf_step where run_id = ? and step_id = 's1'", runId).get(0))
                .contains("\"orderId\":\"8813\"").contains("\"amount\":\"236.50\"").contains("\"currency\":\"CNY\"");
    }

    @Test
    void should_take_over_a_run_whose_node_died_and_answer_it_once() throws SQLException {
        // a run acknowledged by a node that died mid-run: leased to it, its lease since expired
        String session = UUID.randomUUID().toString();
        UUID runId = UUID.randomUUID();
        ChatMessage message = new ChatMessage(ChatChannel.DINGTALK, "msg" + runId, "acme", "li.lei",
                "cid-takeover", "/payment 8812", SessionWebhookResource.webhookUrl(session), null);
        engine.database().transaction(c -> {
            engine.enqueue(c, new NewRun(runId, ChatRunHandler.KIND, "DINGTALK:acme:cid-takeover",
                    JsonNodeFactory.instance.objectNode().put("channel", "DINGTALK").put("tenant", "acme")
                            .put("user", "li.lei").put("text", "/payment 8812")));
            ChatMessages.insert(c, message, runId, Instant.now(), ChatMessages.Delivery.PENDING);
            try (PreparedStatement s = c.prepareStatement("update wf_run set status = 'RUNNING', "
                    + "lease_owner = 'dead-node', lease_until = ?, attempts = 1 where id = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
                s.setObject(2, runId);
                s.executeUpdate();
            }
            return null;
        });
        engine.wake();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withRequestBody(WireMock.containing("2026112622001400001"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(stored.forSession(session).delivery()));
        assertThat(stored.rows("select status, attempts, lease_owner from wf_run where id = ?", runId))
                .containsExactly("SUCCEEDED | 2 | null");
    }
}
