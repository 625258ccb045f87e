package dev.errand.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errand answering free text with a model: an OpenAI-compatible endpoint faked on WireMock at
 * {@code /compatible-mode/v1} in DashScope's wire format (protocols/llm.md §4, §8), the demo shop behind the tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmTest {
    private static final String DINGTALK_SECRET = "e2e-dingtalk-secret-llm-Pz3kW8";
    private static final String LLM_KEY = "sk-e2e-llm-key-4f9c1b7d2a6e8035";
    private static final String COMPLETIONS = "/compatible-mode/v1/chat/completions";
    private static final String CALL_ID = "call_5c3e1a9b7d2f4e60a1b2c3";
    private static final String QUESTION = "what happened to order 8812?";
    private static final String ANSWER = "Order **8812** is paid and waits to be shipped: 2 ceramic mugs, 120.00 CNY.";
    private static final String DEMO_LINE =
            "_Demo data: no shop or payment platform is configured, these orders are samples._";
    private static final String FAILING_QUESTION = "is the model there?";
    private static final String SLOPPY_QUESTION = "status of 8812, quickly";
    private static final String SLOPPY_ANSWER = "I could not look up order 8812.";

    private WireMockServer model;
    private SessionWebhook webhook;
    private ErrandProcess app;
    private DingTalkRobot robot;
    private ErrandApi api;

    @BeforeAll
    void startErrand() {
        model = new WireMockServer(options().dynamicPort());
        model.start();
        stubModel();
        webhook = SessionWebhook.start();
        app = ErrandProcess.start(Map.of(
                "ERRAND_DINGTALK_APP_SECRET", DINGTALK_SECRET,
                "ERRAND_DINGTALK_WEBHOOK_HOSTS", webhook.allowedHost(),
                "ERRAND_LLM_BASE_URL", model.baseUrl() + "/compatible-mode/v1",
                "ERRAND_LLM_API_KEY", LLM_KEY));
        robot = new DingTalkRobot(app.baseUrl(), DINGTALK_SECRET);
        api = new ErrandApi(app);
    }

    @AfterAll
    void stopErrand() {
        try {
            app.assertOutputKeepsSecret(DINGTALK_SECRET, LLM_KEY);
        } finally {
            app.close();
            webhook.close();
            model.stop();
        }
    }

    /** Request 1 gets a tool call, request 2 (carrying the tool result) the answer; one question makes the model fail. */
    private void stubModel() {
        model.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(5)
                .willReturn(okJson("""
                        {"id":"chatcmpl-1f0e7c2a-0000-9c1d-8e11-0123456789ab","object":"chat.completion","created":1735120033,
                         "model":"qwen-plus","system_fingerprint":null,
                         "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
                           "message":{"role":"assistant","content":"",
                             "tool_calls":[{"index":0,"id":"%s","type":"function",
                               "function":{"name":"get_order","arguments":"{\\"orderId\\": \\"8812\\"}"}}]}}],
                         "usage":{"prompt_tokens":236,"completion_tokens":22,"total_tokens":258,"prompt_tokens_details":{"cached_tokens":0}}}
                        """.formatted(CALL_ID))));
        model.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(3)
                .withRequestBody(containing(SLOPPY_QUESTION))
                .willReturn(okJson("""
                        {"id":"chatcmpl-3","object":"chat.completion","created":1735120040,"model":"qwen-plus",
                         "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
                           "message":{"role":"assistant","content":"",
                             "tool_calls":[{"index":0,"id":"call_sloppy0001","type":"function",
                               "function":{"name":"get_order","arguments":"{\\"order_id\\": \\"8812\\"}"}}]}}],
                         "usage":{"prompt_tokens":230,"completion_tokens":20,"total_tokens":250}}
                        """)));
        model.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(SLOPPY_QUESTION))
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(okJson("""
                        {"id":"chatcmpl-4","object":"chat.completion","created":1735120042,"model":"qwen-plus",
                         "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                           "message":{"role":"assistant","content":"%s"}}],
                         "usage":{"prompt_tokens":260,"completion_tokens":12,"total_tokens":272}}
                        """.formatted(SLOPPY_ANSWER))));
        model.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(okJson("""
                        {"id":"chatcmpl-2a7d9e41-0000-9c1d-8e11-0123456789ab","object":"chat.completion","created":1735120035,
                         "model":"qwen-plus","system_fingerprint":null,
                         "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                           "message":{"role":"assistant","content":"%s"}}],
                         "usage":{"prompt_tokens":318,"completion_tokens":31,"total_tokens":349,"prompt_tokens_details":{"cached_tokens":0}}}
                        """.formatted(ANSWER))));
        model.stubFor(post(urlPathEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(FAILING_QUESTION))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Incorrect API key provided. ","type":"invalid_request_error","param":null,"code":"invalid_api_key"},"request_id":"b02e047c-0000-98df-ae99-d211d0990216"}
                        """)));
    }

    @Test
    void should_answer_free_text_with_the_model_after_running_the_tool_it_asked_for() {
        // given
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("asker");

        // when
        var response = robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), QUESTION, staffId, session));

        // then the model's answer is posted, marked as built on demo data
        assertThat(response.statusCode()).isEqualTo(200);
        var expected = Json.MAPPER.createObjectNode().put("msgtype", "markdown");
        expected.putObject("markdown").put("title", "Errand").put("text", ANSWER + "\n\n" + DEMO_LINE);
        assertThat(webhook.awaitPost(session)).isEqualTo(expected);

        // and the model was called twice, in the OpenAI wire format
        List<LoggedRequest> calls = model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS))
                .withRequestBody(containing(QUESTION)));
        assertThat(calls).hasSize(2);
        calls.forEach(call -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + LLM_KEY));
        JsonNode first = calls.stream().map(c -> Json.parse(c.getBodyAsString()))
                .filter(body -> messagesWithRole(body, "tool").isEmpty()).findFirst().orElseThrow();
        JsonNode second = calls.stream().map(c -> Json.parse(c.getBodyAsString()))
                .filter(body -> !messagesWithRole(body, "tool").isEmpty()).findFirst().orElseThrow();

        assertThat(first.path("model").asText()).isEqualTo("qwen-plus");
        assertThat(first.path("enable_thinking").isBoolean()).as("enable_thinking is sent explicitly").isTrue();
        assertThat(first.path("enable_thinking").asBoolean()).isFalse();
        assertThat(messagesWithRole(first, "user")).extracting(m -> m.path("content").asText()).containsExactly(QUESTION);
        JsonNode getOrder = tool(first, "get_order");
        assertThat(getOrder.path("type").asText()).isEqualTo("function");
        JsonNode parameters = getOrder.path("function").path("parameters");
        assertThat(parameters.path("type").asText()).isEqualTo("object");
        assertThat(parameters.path("properties").path("orderId").path("type").asText()).isEqualTo("string");
        assertThat(parameters.path("required")).extracting(JsonNode::asText).contains("orderId");
        assertThat(tool(first, "get_payment").path("function").path("parameters").path("properties").path("orderId")
                .path("type").asText()).isEqualTo("string");

        JsonNode assistant = messagesWithRole(second, "assistant").get(0);
        JsonNode toolCall = assistant.path("tool_calls").get(0);
        assertThat(toolCall.path("id").asText()).isEqualTo(CALL_ID);
        assertThat(toolCall.path("type").asText()).isEqualTo("function");
        assertThat(toolCall.path("function").path("name").asText()).isEqualTo("get_order");
        assertThat(Json.parse(toolCall.path("function").path("arguments").asText()))
                .isEqualTo(Json.parse("{\"orderId\":\"8812\"}"));
        List<JsonNode> toolMessages = messagesWithRole(second, "tool");
        assertThat(toolMessages).hasSize(1);
        assertThat(toolMessages.get(0).path("tool_call_id").asText()).isEqualTo(CALL_ID);
        // tool results reach the model as data: {"data": {"status": ..., "results": {<step>: <result>}}}
        JsonNode data = Json.parse(toolMessages.get(0).path("content").asText()).path("data");
        assertThat(data.path("status").asText()).isEqualTo("completed");
        JsonNode result = data.path("results").path("s1");
        assertThat(result.path("orderId").asText()).isEqualTo("8812");
        assertThat(result.path("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(result.path("amount")).isEqualTo(Json.parse("{\"amount\":\"120.00\",\"currency\":\"CNY\"}"));
        List<String> roles = StreamSupport.stream(second.path("messages").spliterator(), false)
                .map(m -> m.path("role").asText()).toList();
        assertThat(roles).as("the tool result follows the assistant message that asked for it")
                .containsSubsequence("user", "assistant", "tool");
        assertThat(roles.indexOf("tool")).isEqualTo(roles.indexOf("assistant") + 1);
        assertThat(second.path("tools")).as("tools are sent again").isEqualTo(first.path("tools"));

        // and the run journal shows the step and the tokens of both model calls
        JsonNode run = awaitDelivered(staffId);
        assertThat(run.path("request").asText()).isEqualTo(QUESTION);
        assertThat(run.path("tokens").asLong()).isEqualTo(258 + 349);
        JsonNode steps = api.run(run.path("id").asText()).path("steps");
        assertThat(steps).extracting(s -> s.path("step").asText())
                .containsExactly("m1", "plan", "s1", "m2", "reply", "deliver");
        assertThat(steps.get(0).path("result").path("tokens").asLong()).isEqualTo(258);
        assertThat(steps.get(1).path("result").path("decision").asText()).as("policy allowed the one-step plan")
                .isEqualTo("allowed");
        JsonNode step = steps.get(2);
        assertThat(step.path("name").asText()).isEqualTo("get_order");
        assertThat(step.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(step.path("input")).isEqualTo(Json.parse("{\"orderId\":\"8812\"}"));
        assertThat(step.path("result").path("amount").path("amount").asText()).isEqualTo("120.00");
    }

    @Test
    void should_refuse_a_tool_call_whose_arguments_break_the_schema_and_tell_the_model() {
        // given a model that names the argument order_id instead of orderId
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("sloppy");

        // when
        robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), SLOPPY_QUESTION, staffId, session));

        // then the tool did not run, the model heard why, and its answer is posted
        JsonNode reply = webhook.awaitPost(session);
        assertThat(reply.path("markdown").path("text").asText()).startsWith(SLOPPY_ANSWER);
        JsonNode run = awaitDelivered(staffId);
        // the call was refused before policy and before running: no plan step, no tool step
        assertThat(api.run(run.path("id").asText()).path("steps")).extracting(s -> s.path("step").asText())
                .containsExactly("m1", "m2", "reply", "deliver");
        JsonNode second = model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS))
                        .withRequestBody(containing(SLOPPY_QUESTION))).stream()
                .map(call -> Json.parse(call.getBodyAsString()))
                .filter(body -> !messagesWithRole(body, "tool").isEmpty()).findFirst().orElseThrow();
        JsonNode toolMessage = messagesWithRole(second, "tool").get(0);
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_sloppy0001");
        JsonNode result = Json.parse(toolMessage.path("content").asText()).path("data");
        assertThat(result.path("status").asText()).isEqualTo("invalid");
        assertThat(result.path("error").asText()).contains("s1").contains("order_id");
        assertThat(result.has("results")).as("no order data reaches the model").isFalse();
    }

    @Test
    void should_run_slash_commands_without_calling_the_model() {
        // given
        int modelCallsBefore = model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS))).size();
        String session = webhook.newSession();

        // when
        robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), "/order 8812", DingTalkRobot.newStaffId("cmd"),
                session));

        // then
        JsonNode reply = webhook.awaitPost(session);
        assertThat(reply.path("markdown").path("title").asText()).isEqualTo("Order 8812");
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS)))).hasSize(modelCallsBefore);
    }

    @Test
    void should_tell_the_user_when_the_model_cannot_answer() {
        // given a model endpoint that refuses the call
        String session = webhook.newSession();
        String staffId = DingTalkRobot.newStaffId("unlucky");

        // when
        robot.send(DingTalkRobot.textMessage(DingTalkRobot.newMsgId(), FAILING_QUESTION, staffId, session));

        // then the user learns that the model failed and that commands still work
        JsonNode reply = webhook.awaitPost(session);
        assertThat(reply.path("msgtype").asText()).isEqualTo("text");
        assertThat(reply.path("text").path("content").asText())
                .startsWith("The language model could not answer right now")
                .contains("/help")
                .doesNotContain(LLM_KEY);
        assertThat(awaitDelivered(staffId).path("request").asText()).isEqualTo(FAILING_QUESTION);
    }

    private static List<JsonNode> messagesWithRole(JsonNode request, String role) {
        return StreamSupport.stream(request.path("messages").spliterator(), false)
                .filter(m -> role.equals(m.path("role").asText())).toList();
    }

    private static JsonNode tool(JsonNode request, String name) {
        return StreamSupport.stream(request.path("tools").spliterator(), false)
                .filter(t -> name.equals(t.path("function").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " offered in " + request.path("tools")));
    }

    private JsonNode awaitDelivered(String staffId) {
        return await("run of " + staffId + " delivered").atMost(SessionWebhook.DELIVERY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.runsOf(staffId).stream().findFirst().orElse(null),
                        run -> run != null && "DELIVERED".equals(run.path("delivery").asText()));
    }
}
