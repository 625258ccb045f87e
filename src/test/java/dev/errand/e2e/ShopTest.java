package dev.errand.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errand.connectors.shop.taobao.TopFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errand reading orders from a Taobao Open Platform shop (a {@link TopFake} router that checks signatures, timestamps
 * and sessions like the real platform), offline (no model), with the database in an absolute {@code ERRAND_DATA_DIR}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopTest {
    private static final String DINGTALK_SECRET = "e2e-dingtalk-secret-shop-Hs8Zt1";
    private static final String APP_KEY = "23456789";
    private static final String SHOP_SECRET = "e2e-top-secret-Mb4Qw9Rn3e";
    private static final String SHOP_SESSION = "e2e-top-session-6100e2c9aa7fZZ";

    private TopFake top;
    private SessionWebhook webhook;
    private Path dataDir;
    private ErrandProcess app;
    private DingTalkRobot robot;

    @BeforeAll
    void startErrand() throws Exception {
        top = TopFake.start();
        top.registerApp(APP_KEY, SHOP_SECRET, SHOP_SESSION);
        webhook = SessionWebhook.start();
        dataDir = Files.createTempDirectory("errand-e2e-data-").toAbsolutePath();
        app = ErrandProcess.start(Map.of(
                "ERRAND_DINGTALK_APP_SECRET", DINGTALK_SECRET,
                "ERRAND_DINGTALK_WEBHOOK_HOSTS", webhook.allowedHost(),
                "ERRAND_SHOP_BASE_URL", top.endpoint(),
                "ERRAND_SHOP_APP_KEY", APP_KEY,
                "ERRAND_SHOP_APP_SECRET", SHOP_SECRET,
                "ERRAND_SHOP_SESSION", SHOP_SESSION,
                "ERRAND_DATA_DIR", dataDir.toString()));
        robot = new DingTalkRobot(app.baseUrl(), DINGTALK_SECRET);
    }

    @BeforeEach
    void forgetCalls() {
        top.reset();
        top.registerApp(APP_KEY, SHOP_SECRET, SHOP_SESSION);
    }

    @AfterAll
    void stopErrand() {
        try {
            app.assertOutputKeepsSecret(DINGTALK_SECRET, SHOP_SECRET, SHOP_SESSION);
        } finally {
            app.close();
            webhook.close();
            top.close();
            deleteQuietly(dataDir);
        }
    }

    @Test
    void should_post_the_shop_trade_when_a_signed_order_command_arrives() {
        // given a trade in the shop
        Trade trade = new Trade("2231958349", "WAIT_BUYER_CONFIRM_GOODS", "200.07", "zh***san", List.of(
                new Trade.Line(2231958350L, "Thermos bottle", 1, "150.07", "NO_REFUND"),
                new Trade.Line(2231958351L, "Tea towel", 2, "25.00", "WAIT_SELLER_AGREE")));
        top.stubTrade(APP_KEY, SHOP_SECRET, SHOP_SESSION, trade.tid(), trade.json());

        // when
        JsonNode reply = ask("/order " + trade.tid());

        // then the reply is the trade, and nothing in it claims to be demo data
        assertThat(reply.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(reply.path("markdown").path("title").asText()).isEqualTo("Order " + trade.tid());
        String text = reply.path("markdown").path("text").asText();
        assertThat(text.stripTrailing()).isEqualTo(trade.expectedMarkdown());
        assertThat(text).doesNotContain("Demo data");

        // and the shop was called as TOP prescribes
        List<Map<String, String>> calls = top.receivedCalls();
        assertThat(calls).hasSize(1);
        Map<String, String> call = calls.get(0);
        assertThat(call).containsEntry("method", "taobao.trade.fullinfo.get")
                .containsEntry("tid", trade.tid())
                .containsEntry("sign_method", "md5")
                .containsEntry("app_key", APP_KEY)
                .containsEntry("session", SHOP_SESSION)
                .containsEntry("format", "json")
                .containsEntry("v", "2.0")
                .containsKeys("timestamp", "sign", "fields");
        assertThat(call.get("sign")).matches("[0-9A-F]{32}");
        assertThat(List.of(call.get("fields").split(","))).contains("tid", "status", "payment", "buyer_nick", "orders");
        LoggedRequest wire = top.wireMock().findAll(postRequestedFor(urlPathEqualTo(TopFake.PATH))).get(0);
        assertThat(query(wire)).containsKeys("method", "app_key", "session", "timestamp", "v", "sign_method", "sign")
                .doesNotContainKeys("tid", "fields");
        assertThat(form(wire.getBodyAsString())).containsOnlyKeys("tid", "fields");
    }

    @Test
    void should_say_the_order_is_not_found_when_the_shop_has_no_such_trade() {
        JsonNode reply = ask("/order 123");

        assertThat(reply).isEqualTo(textMessage("Order 123 not found."));
        assertThat(top.receivedCalls()).extracting(call -> call.get("tid")).containsExactly("123");
    }

    @Test
    void should_pass_on_the_reason_when_the_shop_rejects_the_request() {
        top.stubError("4242", 15, "Remote service error", "isv.permission-denied",
                "This seller has not authorized the app");

        JsonNode reply = ask("/order 4242");

        assertThat(reply).isEqualTo(textMessage("Shop rejected the request: This seller has not authorized the app."));
    }

    @Test
    void should_call_an_html_error_page_an_outage_and_never_a_missing_order() {
        // a proxy in front of the gateway answers 200 with its own page: not a TOP response
        top.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(TopFake.PATH))
                .atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("tid=8899"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>Service temporarily unavailable</h1></body></html>")));

        JsonNode reply = ask("/order 8899");

        String text = reply.path("text").path("content").asText() + reply.path("markdown").path("text").asText();
        assertThat(text).contains("not reachable").doesNotContain("not found");
        assertThat(top.wireMock().findAll(postRequestedFor(urlPathEqualTo(TopFake.PATH))))
                .as("an outage is retried").hasSizeGreaterThan(1);
    }

    @Test
    void should_keep_its_database_in_the_configured_data_dir() {
        assertThat(dataDir.resolve("errand.mv.db")).isRegularFile();
        assertThat(app.workDir().resolve("data")).doesNotExist();
    }

    private JsonNode ask(String text) {
        String session = webhook.newSession();
        var response = robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), text,
                DingTalkRobot.newStaffId("shopper"), session));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return webhook.awaitPost(session);
    }

    private static JsonNode textMessage(String content) {
        var expected = Json.MAPPER.createObjectNode().put("msgtype", "text");
        expected.putObject("text").put("content", content);
        return expected;
    }

    private static Map<String, String> query(LoggedRequest request) {
        String url = request.getUrl();
        return form(url.contains("?") ? url.substring(url.indexOf('?') + 1) : "");
    }

    private static Map<String, String> form(String encoded) {
        if (encoded.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> decode(p[0]), p -> p.length > 1 ? decode(p[1]) : ""));
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a left-over temporary directory is harmless
        }
    }

    /** A TOP trade as {@code taobao.trade.fullinfo.get} returns it, and the reply Errand should make of it. */
    record Trade(String tid, String status, String payment, String buyerNick, List<Line> lines) {

        record Line(long oid, String title, int num, String price, String refundStatus) {
        }

        /** The {@code trade} object, amounts as strings and ids as numbers, orders wrapped as TOP wraps lists. */
        String json() {
            var trade = Json.MAPPER.createObjectNode();
            trade.put("tid", Long.parseLong(tid));
            trade.put("status", status);
            trade.put("payment", payment);
            trade.put("buyer_nick", buyerNick);
            var orders = trade.putObject("orders").putArray("order");
            for (Line line : lines) {
                orders.addObject().put("oid", line.oid()).put("title", line.title()).put("num", line.num())
                        .put("price", line.price()).put("refund_status", line.refundStatus());
            }
            return trade.toString();
        }

        /** The order card: the same layout as the demo shop's, amounts in CNY, without the demo line. */
        String expectedMarkdown() {
            StringBuilder md = new StringBuilder("### Order ").append(tid).append('\n')
                    .append("- Status: ").append(status).append('\n')
                    .append("- Items:\n");
            for (Line line : lines) {
                md.append("  - ").append(line.title()).append(" × ").append(line.num()).append(" at ")
                        .append(line.price()).append(" CNY");
                if (!"NO_REFUND".equals(line.refundStatus())) {
                    md.append(" (refund: ").append(line.refundStatus()).append(')');
                }
                md.append('\n');
            }
            md.append("- Amount: ").append(payment).append(" CNY\n")
                    .append("- Buyer: ").append(buyerNick);
            return md.toString();
        }
    }
}
