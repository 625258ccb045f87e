package dev.errand.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Trajectories of the planner with a scripted OpenAI-compatible model (WireMock, DashScope's wire format,
 * protocols/llm.md): for each scenario the exact tool calls Errand makes, the policy decision it stores and
 * the reply, through the packaged application, its policy file and API keys, as a chat client and an
 * approver would drive it. Each scenario's requests carry a marker the model stub keys its script on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrajectoryTest {
    private static final String COMPLETIONS = "/compatible-mode/v1/chat/completions";
    private static final String LLM_KEY = "sk-e2e-trajectory-0b6f1c2d3e4a";
    private static final String REQUESTER_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String APPROVER_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String ADMIN_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String INTERN_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String OTHER_TENANT_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String TINY_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    /** Support employees of their own, for trajectories that need a day with nothing refunded yet. */
    private static final String WANG_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String CHEN_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final String MEI_KEY = "errand_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private static final Duration APPROVAL_TTL = Duration.ofSeconds(20);

    private WireMockServer model;
    private ErrandProcess app;

    @BeforeAll
    void startErrand() throws Exception {
        model = new WireMockServer(options().dynamicPort());
        model.start();
        Path policy = Files.createTempFile("errand-trajectory-policy-", ".yaml");
        Files.writeString(policy, """
                tenants:
                  - id: acme
                    unmapped_users: refuse
                    roles:
                      - name: support
                        tools: [get_order, get_payment, refund_payment, search_documents]
                        limits:
                          - tool: refund_payment
                            currency: CNY
                            without_approval: "500.00"
                            with_approval: "5000.00"
                            approvers: [finance]
                            daily_total: "20000.00"
                      - name: intern
                        tools: [get_order, get_payment, refund_payment]
                        limits:
                          - tool: refund_payment
                            currency: CNY
                            without_approval: "100.00"
                            with_approval: "200.00"
                            approvers: [finance]
                            daily_total: "150.00"
                      - name: finance
                        tools: [get_order, get_payment, refund_payment]
                      - name: admin
                        admin: true
                        tools: [get_order, get_payment]
                    employees:
                      - id: li.lei
                        roles: [support]
                        api_key_sha256: "%s"
                      - id: fiona
                        roles: [finance]
                        api_key_sha256: "%s"
                      - id: ada
                        roles: [admin]
                        api_key_sha256: "%s"
                      - id: ian
                        roles: [intern]
                        api_key_sha256: "%s"
                      - id: wang
                        roles: [support]
                        api_key_sha256: "%s"
                      - id: chen
                        roles: [support]
                        api_key_sha256: "%s"
                      - id: mei
                        roles: [support]
                        api_key_sha256: "%s"
                  - id: globex
                    unmapped_users: refuse
                    roles:
                      - name: finance
                        tools: [get_order, get_payment, refund_payment, search_documents]
                    employees:
                      - id: gus
                        roles: [finance]
                        api_key_sha256: "%s"
                  - id: tiny
                    unmapped_users: refuse
                    token_budget_per_month: 300
                    roles:
                      - name: reader
                        tools: [get_order]
                    employees:
                      - id: tom
                        roles: [reader]
                        api_key_sha256: "%s"
                """.formatted(sha256(REQUESTER_KEY), sha256(APPROVER_KEY), sha256(ADMIN_KEY), sha256(INTERN_KEY),
                sha256(WANG_KEY), sha256(CHEN_KEY), sha256(MEI_KEY), sha256(OTHER_TENANT_KEY), sha256(TINY_KEY)));
        app = ErrandProcess.start(Map.of(
                "ERRAND_POLICY_FILE", policy.toString(),
                "ERRAND_APPROVAL_TTL", APPROVAL_TTL.toSeconds() + "s",
                "ERRAND_LLM_BASE_URL", model.baseUrl() + "/compatible-mode/v1",
                "ERRAND_LLM_API_KEY", LLM_KEY));
    }

    @AfterAll
    void stopErrand() {
        try {
            app.assertOutputKeepsSecret(LLM_KEY, REQUESTER_KEY, APPROVER_KEY, ADMIN_KEY, INTERN_KEY, OTHER_TENANT_KEY,
                    TINY_KEY, WANG_KEY, CHEN_KEY, MEI_KEY);
        } finally {
            app.close();
            model.stop();
        }
    }

    // ---- the scripted model

    /** The model answers the requests whose text holds {@code marker} with {@code responses}, in order. */
    private void script(String marker, String... responses) {
        for (int i = 0; i < responses.length; i++) {
            model.stubFor(post(urlPathEqualTo(COMPLETIONS)).inScenario(marker)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call-" + i)
                    .withRequestBody(containing(marker))
                    .willReturn(okJson(responses[i]))
                    .willSetStateTo("call-" + (i + 1)));
        }
    }

    private static String toolCall(String name, String arguments) {
        String escaped = Json.MAPPER.createObjectNode().put("a", arguments).get("a").toString();
        return """
                {"id":"chatcmpl-%s","object":"chat.completion","created":1735120033,"model":"qwen-plus",
                 "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
                   "message":{"role":"assistant","content":"",
                     "tool_calls":[{"index":0,"id":"call_%s","type":"function",
                       "function":{"name":"%s","arguments":%s}}]}}],
                 "usage":{"prompt_tokens":200,"completion_tokens":30,"total_tokens":230}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID().toString().replace("-", ""), name, escaped);
    }

    private static String plan(String steps) {
        return toolCall("submit_plan", "{\"steps\":" + steps.replace('\'', '"') + ",\"note\":\"e2e\"}");
    }

    private static String refundStep(String id, String order, String amount, String currency) {
        return "{'id':'" + id + "','tool':'refund_payment','arguments':{'orderId':'" + order + "','amount':'" + amount
                + "','currency':'" + currency + "','reason':'parcel lost'}}";
    }

    private static String text(String content) {
        return """
                {"id":"chatcmpl-%s","object":"chat.completion","created":1735120035,"model":"qwen-plus",
                 "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                   "message":{"role":"assistant","content":%s}}],
                 "usage":{"prompt_tokens":300,"completion_tokens":20,"total_tokens":320}}
                """.formatted(UUID.randomUUID(), Json.MAPPER.createObjectNode().put("c", content).get("c").toString());
    }

    /** What the model was sent in its {@code call}-th request of the scenario (1-based), as data. */
    private List<JsonNode> toolResultsSent(String marker, int call) {
        List<JsonNode> bodies = model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS))
                .withRequestBody(containing(marker))).stream().map(r -> Json.parse(r.getBodyAsString())).toList();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(call);
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode message : bodies.get(call - 1).path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                results.add(Json.parse(message.path("content").asText()).path("data"));
            }
        }
        return results;
    }

    // ---- the application, as a chat client and an approver

    private Response chat(String key, String text) {
        return given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key)
                .contentType("application/json").body(Json.MAPPER.createObjectNode().put("text", text).toString())
                .post("/api/chat");
    }

    private JsonNode ask(String key, String text, int status) {
        Response response = chat(key, text);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return Json.parse(response.asString());
    }

    private JsonNode get(String key, String path) {
        Response response = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key).get(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private Response decide(String key, String approvalId, String decision) {
        return given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"decision\":\"" + decision + "\",\"comment\":\"checked the parcel\"}")
                .post("/api/approvals/{id}", approvalId);
    }

    private JsonNode awaitRunEnd(String key, String runId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> get(key, "/api/runs/" + runId),
                run -> List.of("SUCCEEDED", "FAILED").contains(run.path("run").path("status").asText()));
    }

    private static List<String> stepIds(JsonNode run) {
        return StreamSupport.stream(run.path("steps").spliterator(), false).map(s -> s.path("step").asText()).toList();
    }

    private static List<JsonNode> steps(JsonNode run, String name) {
        return StreamSupport.stream(run.path("steps").spliterator(), false)
                .filter(s -> name.equals(s.path("name").asText())).toList();
    }

    private static String decisionOf(JsonNode run, String planStep) {
        return StreamSupport.stream(run.path("steps").spliterator(), false)
                .filter(s -> planStep.equals(s.path("step").asText())).findFirst().orElseThrow()
                .path("result").path("decision").asText();
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- the trajectories

    @Test
    void t01_lookup_runs_the_tool_the_model_calls_as_a_one_step_plan() {
        script("T01", toolCall("get_order", "{\"orderId\":\"8812\"}"), text("Order 8812 waits to be shipped."));

        JsonNode reply = ask(REQUESTER_KEY, "T01 where is order 8812?", 200);

        assertThat(reply.path("text").asText()).startsWith("Order 8812 waits to be shipped.");
        JsonNode run = get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText());
        assertThat(stepIds(run)).containsExactly("m1", "plan", "s1", "m2");
        assertThat(decisionOf(run, "plan")).isEqualTo("allowed");
        assertThat(toolResultsSent("T01", 2)).singleElement()
                .satisfies(d -> assertThat(d.at("/results/s1/status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS"));
    }

    @Test
    void t02_refund_within_the_limit_runs_at_once() {
        script("T02", plan("[" + refundStep("s1", "8813", "36.50", "CNY") + "]"), text("Refunded 36.50 CNY."));

        JsonNode reply = ask(WANG_KEY, "T02 refund 36.50 on 8813, parcel lost", 200);

        assertThat(reply.path("text").asText()).startsWith("Refunded 36.50 CNY.");
        JsonNode run = get(WANG_KEY, "/api/runs/" + reply.path("runId").asText());
        assertThat(decisionOf(run, "plan")).isEqualTo("allowed");
        assertThat(steps(run, "refund_payment")).singleElement().satisfies(s -> {
            assertThat(s.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(s.path("attempts").asInt()).isEqualTo(1);
            assertThat(s.path("result").path("requestNo").asText()).isEqualTo(s.path("idempotencyKey").asText());
        });
    }

    @Test
    void t03_over_the_limit_waits_for_approval_then_refunds_once() {
        script("T03", plan("[" + refundStep("s1", "8815", "800.00", "CNY") + "]"), text("Refunded 800.00 CNY on 8815."));

        JsonNode waiting = ask(REQUESTER_KEY, "T03 refund 800 on 8815", 202);

        assertThat(waiting.path("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        String approvalId = waiting.path("approvals").get(0).asText();
        JsonNode approval = get(APPROVER_KEY, "/api/approvals/" + approvalId);
        assertThat(approval.path("status").asText()).isEqualTo("PENDING");
        assertThat(approval.path("amount").asText()).isEqualTo("800.00");
        assertThat(approval.path("currency").asText()).isEqualTo("CNY");
        assertThat(approval.path("requestedBy").asText()).isEqualTo("li.lei");
        assertThat(approval.path("tool").asText()).isEqualTo("refund_payment");
        assertThat(StreamSupport.stream(get(APPROVER_KEY, "/api/approvals?status=PENDING").spliterator(), false)
                .map(a -> a.path("id").asText())).contains(approvalId);
        String runId = waiting.path("runId").asText();
        assertThat(steps(get(REQUESTER_KEY, "/api/runs/" + runId), "refund_payment")).isEmpty();

        assertThat(decide(REQUESTER_KEY, approvalId, "approve").statusCode()).as("the requester may not approve")
                .isEqualTo(403);
        Response approved = decide(APPROVER_KEY, approvalId, "approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        JsonNode run = awaitRunEnd(REQUESTER_KEY, runId);

        assertThat(run.path("run").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("run").path("reply").asText()).contains("Refunded 800.00 CNY on 8815.")
                .contains("Approved by fiona");
        assertThat(steps(run, "refund_payment")).singleElement()
                .satisfies(s -> assertThat(s.path("status").asText()).isEqualTo("SUCCEEDED"));
        assertThat(decisionOf(run, "plan")).isEqualTo("approval");
        Response again = decide(APPROVER_KEY, approvalId, "reject");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Json.parse(again.asString()).path("error").asText()).contains("approved by fiona");
    }

    @Test
    void t04_a_rejected_approval_refunds_nothing() {
        script("T04", plan("[" + refundStep("s1", "8815", "900.00", "CNY") + "]"), text("Done!"));

        JsonNode waiting = ask(REQUESTER_KEY, "T04 refund 900 on 8815", 202);
        String approvalId = waiting.path("approvals").get(0).asText();
        assertThat(decide(APPROVER_KEY, approvalId, "reject").statusCode()).isEqualTo(200);
        JsonNode run = awaitRunEnd(REQUESTER_KEY, waiting.path("runId").asText());

        assertThat(run.path("run").path("reply").asText()).startsWith("**Not done:**").contains("rejected by fiona");
        assertThat(steps(run, "refund_payment")).isEmpty();
        assertThat(toolResultsSent("T04", 2).get(0).path("status").asText()).isEqualTo("approval_rejected");
    }

    @Test
    void t05_an_approval_nobody_decides_expires_and_nothing_is_paid() {
        script("T05", plan("[" + refundStep("s1", "8815", "700.00", "CNY") + "]"), text("It expired."));

        JsonNode waiting = ask(REQUESTER_KEY, "T05 refund 700 on 8815", 202);
        JsonNode run = await().atMost(APPROVAL_TTL.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(REQUESTER_KEY, "/api/runs/" + waiting.path("runId").asText()),
                        r -> "SUCCEEDED".equals(r.path("run").path("status").asText()));

        assertThat(run.path("run").path("reply").asText()).contains("expired");
        assertThat(steps(run, "refund_payment")).isEmpty();
        String approvalId = waiting.path("approvals").get(0).asText();
        assertThat(get(APPROVER_KEY, "/api/approvals/" + approvalId).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(decide(APPROVER_KEY, approvalId, "approve").statusCode()).isEqualTo(409);
    }

    @Test
    void t06_an_unknown_order_goes_back_to_the_planner() {
        script("T06", plan("[{'id':'s1','tool':'get_order','arguments':{'orderId':'99999'}}]"),
                plan("[{'id':'s1','tool':'get_order','arguments':{'orderId':'8812'}}]"),
                text("99999 does not exist; 8812 is the closest match."));

        JsonNode reply = ask(REQUESTER_KEY, "T06 where is 99999?", 200);

        assertThat(toolResultsSent("T06", 2).get(0).path("status").asText()).isEqualTo("step_failed");
        assertThat(toolResultsSent("T06", 3)).extracting(d -> d.path("status").asText())
                .containsExactly("step_failed", "completed");
        JsonNode run = get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText());
        assertThat(stepIds(run)).containsExactly("m1", "plan", "s1", "m2", "p2.plan", "p2.s1", "m3");
    }

    @Test
    void t07_invalid_arguments_are_refused_and_the_corrected_plan_runs() {
        script("T07", plan("[" + refundStep("s1", "8813", "10.005", "CNY") + "]"),
                plan("[" + refundStep("s1", "8813", "10.05", "CNY") + "]"), text("Refunded 10.05 CNY."));

        JsonNode reply = ask(CHEN_KEY, "T07 refund 10.005 on 8813", 200);

        JsonNode refused = toolResultsSent("T07", 2).get(0);
        assertThat(refused.path("status").asText()).isEqualTo("invalid");
        assertThat(refused.path("error").asText()).contains("amount");
        JsonNode run = get(CHEN_KEY, "/api/runs/" + reply.path("runId").asText());
        assertThat(steps(run, "refund_payment")).extracting(s -> s.path("step").asText()).containsExactly("p2.s1");
    }

    @Test
    void t08_a_plain_answer_needs_no_plan() {
        script("T08", text("Refunds above 500.00 CNY need approval by finance."));

        JsonNode reply = ask(REQUESTER_KEY, "T08 what are my limits?", 200);

        assertThat(reply.path("text").asText()).isEqualTo("Refunds above 500.00 CNY need approval by finance.");
        assertThat(stepIds(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText()))).containsExactly("m1");
    }

    @Test
    void t09_independent_steps_all_run() {
        script("T09", plan("[{'id':'a','tool':'get_order','arguments':{'orderId':'8812'}},"
                        + "{'id':'b','tool':'get_payment','arguments':{'orderId':'8813'}}]"),
                text("Both found."));

        JsonNode reply = ask(REQUESTER_KEY, "T09 order 8812 and payment 8813", 200);

        JsonNode data = toolResultsSent("T09", 2).get(0);
        assertThat(data.path("results").has("a")).isTrue();
        assertThat(data.at("/results/b/tradeNo").asText()).isEqualTo("2026112622001400002");
        assertThat(stepIds(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText())))
                .containsExactly("m1", "plan", "a", "b", "m2");
    }

    @Test
    void t10_an_exhausted_token_budget_is_refused_clearly() {
        script("T10", text("First answer."));
        ask(TINY_KEY, "T10 first question", 200);

        JsonNode second = ask(TINY_KEY, "T10 second question", 200);

        assertThat(second.path("text").asText()).contains("monthly model budget (300 tokens) is used up");
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS)).withRequestBody(containing("T10"))))
                .hasSize(1);
    }

    @Test
    void t11_above_what_approval_allows_is_denied_and_the_employee_told() {
        script("T11", plan("[" + refundStep("s1", "8815", "6000.00", "CNY") + "]"), text("I refunded it."));

        JsonNode reply = ask(REQUESTER_KEY, "T11 refund 6000 on 8815", 200);

        assertThat(reply.path("text").asText()).startsWith("**Not allowed:**");
        JsonNode run = get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText());
        assertThat(decisionOf(run, "plan")).isEqualTo("denied");
        assertThat(steps(run, "refund_payment")).isEmpty();
    }

    @Test
    void t12_ten_small_refunds_in_one_plan_are_judged_as_one() {
        StringBuilder steps = new StringBuilder("[");
        for (int i = 1; i <= 10; i++) {
            steps.append(i > 1 ? "," : "").append(refundStep("s" + i, "8815", "60.00", "CNY"));
        }
        script("T12", plan(steps.append("]").toString()), text("Waiting."));

        JsonNode waiting = ask(REQUESTER_KEY, "T12 ten refunds of 60 on 8815", 202);

        JsonNode approval = get(APPROVER_KEY, "/api/approvals/" + waiting.path("approvals").get(0).asText());
        assertThat(approval.path("amount").asText()).isEqualTo("600.00");
        assertThat(approval.path("arguments").size()).isEqualTo(10);
        assertThat(steps(get(REQUESTER_KEY, "/api/runs/" + waiting.path("runId").asText()), "refund_payment")).isEmpty();
        decide(APPROVER_KEY, waiting.path("approvals").get(0).asText(), "reject");
    }

    @Test
    void t13_small_refunds_across_plans_meet_the_daily_total() {
        script("T13a", plan("[" + refundStep("s1", "8813", "80.00", "CNY") + "]"), text("Refunded 80.00."));
        script("T13b", plan("[" + refundStep("s1", "8813", "80.00", "CNY") + "]"), text("Refunded again."));

        ask(INTERN_KEY, "T13a refund 80 on 8813", 200);
        JsonNode second = ask(INTERN_KEY, "T13b refund 80 more on 8813", 200);

        assertThat(second.path("text").asText()).startsWith("**Not allowed:**");
        JsonNode run = get(INTERN_KEY, "/api/runs/" + second.path("runId").asText());
        assertThat(decisionOf(run, "plan")).isEqualTo("denied");
        assertThat(steps(run, "refund_payment")).isEmpty();
    }

    @Test
    void t14_another_tenants_runs_and_approvals_do_not_exist_for_them() {
        script("T14", plan("[" + refundStep("s1", "8815", "650.00", "CNY") + "]"), text("Waiting."));
        JsonNode waiting = ask(REQUESTER_KEY, "T14 refund 650 on 8815", 202);
        String approvalId = waiting.path("approvals").get(0).asText();

        for (String path : List.of("/api/runs/" + waiting.path("runId").asText(), "/api/approvals/" + approvalId)) {
            assertThat(given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + OTHER_TENANT_KEY).get(path)
                    .statusCode()).as(path).isEqualTo(404);
        }
        assertThat(decide(OTHER_TENANT_KEY, approvalId, "approve").statusCode()).isEqualTo(404);
        assertThat(get(OTHER_TENANT_KEY, "/api/approvals?status=PENDING").size()).isZero();
        assertThat(get(APPROVER_KEY, "/api/approvals/" + approvalId).path("status").asText()).isEqualTo("PENDING");
        decide(APPROVER_KEY, approvalId, "reject");
    }

    @Test
    void t15_a_tool_outside_the_catalog_is_refused() {
        script("T15", plan("[{'id':'s1','tool':'transfer_funds','arguments':{'to':'x','amount':'9999'}}]"),
                text("I cannot transfer funds."));

        JsonNode reply = ask(REQUESTER_KEY, "T15 wire 9999 to me", 200);

        assertThat(toolResultsSent("T15", 2).get(0).path("error").asText()).contains("unknown tool 'transfer_funds'");
        assertThat(stepIds(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText()))).containsExactly("m1", "m2");
    }

    @Test
    void t16_arguments_outside_the_schema_are_refused_before_policy() {
        script("T16", plan("[" + refundStep("s1", "8813", "-5.00", "CNY") + "]"),
                plan("[" + refundStep("s1", "8813", "5.00", "CN") + "]"), text("Cannot."));

        JsonNode reply = ask(REQUESTER_KEY, "T16 refund -5 on 8813", 200);

        assertThat(toolResultsSent("T16", 2).get(0).path("status").asText()).isEqualTo("invalid");
        assertThat(toolResultsSent("T16", 3)).extracting(d -> d.path("status").asText())
                .containsExactly("invalid", "invalid");
        assertThat(steps(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText()), "refund_payment")).isEmpty();
    }

    @Test
    void t17_a_plan_that_refers_to_a_step_it_does_not_wait_for_is_refused() {
        script("T17", plan("[" + refundStep("s1", "8815", "800.00", "CNY") + ","
                        + "{'id':'s2','tool':'get_order','arguments':{'orderId':'${steps.s1.result.orderId}'}}]"),
                text("Plan refused."));

        JsonNode reply = ask(REQUESTER_KEY, "T17 refund and look up", 200);

        assertThat(toolResultsSent("T17", 2).get(0).path("error").asText()).contains("invalid plan")
                .contains("refers to step 's1'");
        assertThat(stepIds(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText()))).containsExactly("m1", "m2");
    }

    @Test
    void t18_the_offline_refund_command_goes_through_the_same_policy() {
        JsonNode within = ask(MEI_KEY, "/refund 8813 12.00 CNY damaged", 200);
        JsonNode denied = ask(MEI_KEY, "/refund 8815 6000.00 CNY damaged", 200);

        assertThat(within.path("text").asText()).contains("Refunded 12.00 CNY on order 8813");
        assertThat(denied.path("text").asText()).startsWith("Not allowed:");
        assertThat(steps(get(MEI_KEY, "/api/runs/" + denied.path("runId").asText()), "refund_payment")).isEmpty();
    }

    @Test
    void t19_an_answer_from_the_documents_cites_the_passage_it_used() {
        publishRefundPolicy();
        script("T19", plan("[{'id':'s1','tool':'search_documents','arguments':{'query':'damaged goods refund'}}]"),
                text("Damaged goods are refunded in full, shipping included [Refund policy § Refunds > Damaged goods]."));

        JsonNode reply = ask(REQUESTER_KEY, "T19 what is our refund policy for damaged goods?", 200);

        JsonNode found = toolResultsSent("T19", 2).get(0).at("/results/s1");
        assertThat(found.at("/passages/0/cite").asText()).isEqualTo("[Refund policy § Refunds > Damaged goods]");
        assertThat(found.at("/passages/0/text").asText()).contains("refunded in full");
        assertThat(reply.path("text").asText()).contains("[Refund policy § Refunds > Damaged goods]");
        assertThat(steps(get(REQUESTER_KEY, "/api/runs/" + reply.path("runId").asText()), "search_documents"))
                .singleElement().satisfies(s -> assertThat(s.path("status").asText()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void t20_another_tenants_search_finds_nothing_and_is_told_so() {
        publishRefundPolicy();
        script("T20", plan("[{'id':'s1','tool':'search_documents','arguments':{'query':'damaged goods refund'}}]"),
                text("I found nothing about that in the documents."));

        JsonNode reply = ask(OTHER_TENANT_KEY, "T20 what is the refund policy for damaged goods?", 200);

        JsonNode found = toolResultsSent("T20", 2).get(0).at("/results/s1");
        assertThat(found.path("passages")).isEmpty();
        assertThat(found.path("answerIfNothing").asText()).isEqualTo("I found nothing about that in the documents.");
        assertThat(reply.path("text").asText()).isEqualTo("I found nothing about that in the documents.");
    }

    private void publishRefundPolicy() {
        JsonNode listed = get(ADMIN_KEY, "/api/documents");
        if (StreamSupport.stream(listed.spliterator(), false).anyMatch(d -> "Refund policy".equals(d.path("title").asText()))) {
            return;
        }
        Response published = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json").body(Json.MAPPER.createObjectNode().put("title", "Refund policy")
                        .put("format", "markdown").put("content", """
                                # Refunds
                                ## Damaged goods
                                Damaged goods are refunded in full within 30 days of delivery, shipping included.
                                ## Change of mind
                                A change of mind is refunded within 7 days; the buyer pays the return shipping.
                                """).toString())
                .post("/api/documents");
        assertThat(published.statusCode()).as(published.asString()).isEqualTo(201);
    }
}
