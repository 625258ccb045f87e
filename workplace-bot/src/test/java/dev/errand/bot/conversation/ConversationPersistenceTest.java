package dev.errand.bot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.run.RunEntity;
import dev.errand.bot.run.RunStatus;
import dev.errand.bot.testkit.DingTalkFixtures;
import dev.errand.bot.testkit.SessionWebhookResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every request, tool call and reply lands in PostgreSQL; acknowledged work resumes after a restart. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ConversationPersistenceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Recovery recovery;

    private List<String> rows(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int col = 1; col <= columns; col++) {
                        row.append(col > 1 ? " | " : "").append(rs.getString(col));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    @Test
    void should_store_the_service_tables_in_postgresql() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(rows("select table_name from information_schema.tables where table_schema = 'errand_test' "
                + "order by table_name")).contains("agent_run", "inbound_message", "run_step");
    }

    @Test
    void should_store_request_tool_call_and_reply_of_a_conversation() throws SQLException {
        String session = UUID.randomUUID().toString();
        String msgId = DingTalkFixtures.newMsgId();
        DingTalkFixtures.send(DingTalkFixtures.callbackBody(msgId, "/order 8813",
                SessionWebhookResource.webhookUrl(session))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "select r.status from agent_run r join inbound_message m on m.run_id = r.id "
                        + "where m.channel = 'DINGTALK' and m.message_id = ?", msgId).equals(List.of("DELIVERED")));

        String runId = rows("select run_id from inbound_message where message_id = ?", msgId).get(0);
        assertThat(rows("select channel, tenant, employee, thread_id, request_text, reply_title from agent_run "
                + "where id = ?", UUID.fromString(runId)))
                .containsExactly("DINGTALK | dingcorp0001 | manager4711 | cidXyZ123abc== | /order 8813 | Order 8813");
        assertThat(rows("select reply_text from agent_run where id = ?", UUID.fromString(runId)).get(0))
                .contains("- Amount: 236.50 CNY").contains("Desk lamp × 1 at 199.00 CNY");
        List<String> steps = rows("select step, tool, arguments, status from run_step where run_id = ? order by step",
                UUID.fromString(runId));
        assertThat(steps).containsExactly("1 | get_order | {\"orderId\":\"8813\"} | SUCCEEDED");
        assertThat(rows("select result from run_step where run_id = ?", UUID.fromString(runId)).get(0))
                .contains("\"orderId\":\"8813\"").contains("\"amount\":\"236.50\"").contains("\"currency\":\"CNY\"");
    }

    @Test
    void should_answer_an_acknowledged_run_left_unprocessed_by_a_previous_process() {
        // a run stored and acknowledged by a process that died before handing it to the worker
        String session = UUID.randomUUID().toString();
        UUID runId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity run = new RunEntity();
            run.id = runId;
            run.channel = ChatChannel.DINGTALK.name();
            run.tenant = "dingcorp0001";
            run.employee = "manager4711";
            run.requestText = "/payment 8812";
            run.replyTo = SessionWebhookResource.webhookUrl(session);
            run.status = RunStatus.RECEIVED;
            run.createdAt = Instant.now();
            run.updatedAt = run.createdAt;
            run.persist();
        });

        recovery.onStart(null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SessionWebhookResource.server().verify(1,
                postRequestedFor(urlPathEqualTo(SessionWebhookResource.PATH))
                        .withQueryParam("session", WireMock.equalTo(session))
                        .withRequestBody(WireMock.containing("2026112622001400001"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> RunEntity.<RunEntity>findById(runId).status) == RunStatus.DELIVERED);
    }
}
