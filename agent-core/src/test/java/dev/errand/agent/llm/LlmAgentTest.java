package dev.errand.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.UUID;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

class LlmAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryStepJournal journal = new InMemoryStepJournal();
    private final ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(new DemoShopConnector()),
            new GetPaymentTool(new DemoPaymentsConnector())));
    private final ToolExecutor executor = new ToolExecutor(catalog);
    private final ScriptedChatModel model = new ScriptedChatModel();
    private final RunContext run = TestRuns.run(TestRuns.alice("get_order", "get_payment", "refund_payment", "probe", "echo", "lookup"), journal);

    private LlmAgent agent(int maxModelCalls) {
        return new LlmAgent(model, catalog, new PlanRunner(executor, new PolicyEngine()), new LlmAgent.Limits(maxModelCalls, 3, 10));
    }

    private static ToolExecutionResultMessage toolResult(ChatMessage message) {
        assertThat(message).isInstanceOf(ToolExecutionResultMessage.class);
        return (ToolExecutionResultMessage) message;
    }

    @Test
    void should_answer_with_the_model_text_after_a_tool_call_and_add_the_demo_notice() {
        model.callTool("call-1", "get_order", "{\"orderId\":\"8812\"}")
                .answer("Order 8812 is paid (120.00 CNY) and waits to be shipped.");

        Reply reply = agent(5).handle("What is the status of order 8812?", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Errand");
        assertThat(reply.text())
                .startsWith("Order 8812 is paid (120.00 CNY) and waits to be shipped.")
                .endsWith(DemoNotice.TEXT);
        assertThat(model.requests()).hasSize(2);
        assertThat(run.usedDemoData()).isTrue();
        assertThat(toolSteps()).extracting(InMemoryStepJournal.Entry::name).containsExactly("get_order");
    }

    @Test
    void should_send_the_tool_result_json_back_to_the_model() throws Exception {
        model.callTool("call-1", "get_order", "{\"orderId\":\"8812\"}").answer("done");

        agent(5).handle("What is the status of order 8812?", run);

        List<ChatMessage> second = model.requests().get(1).messages();
        assertThat(second).hasSize(4);
        assertThat(second.get(0)).isInstanceOf(SystemMessage.class);
        assertThat(second.get(1)).isInstanceOf(UserMessage.class);
        assertThat(second.get(2)).isInstanceOf(AiMessage.class);
        assertThat(((AiMessage) second.get(2)).toolExecutionRequests()).extracting(ToolExecutionRequest::id)
                .containsExactly("call-1");
        ToolExecutionResultMessage result = toolResult(second.get(3));
        assertThat(result.id()).isEqualTo("call-1");
        assertThat(result.toolName()).isEqualTo("get_order");
        assertThat(result.text()).contains("120.00");
        JsonNode json = JSON.readTree(result.text()).at("/data/results/s1");
        assertThat(json.get("orderId").asText()).isEqualTo("8812");
        assertThat(json.at("/amount/amount").asText()).isEqualTo("120.00");
        assertThat(json.at("/amount/currency").asText()).isEqualTo("CNY");
        assertThat(JSON.readTree(result.text()).at("/data/status").asText()).isEqualTo("completed");
    }

    @Test
    void should_start_with_the_system_prompt_and_the_employee_text() {
        model.answer("Hello.");

        agent(5).handle("hi there", run);

        List<ChatMessage> first = model.requests().get(0).messages();
        assertThat(first).hasSize(2);
        assertThat(((SystemMessage) first.get(0)).text()).isEqualTo(LlmAgent.SYSTEM_PROMPT);
        assertThat(((UserMessage) first.get(1)).singleText()).isEqualTo("hi there");
    }

    @Test
    void should_offer_get_order_and_get_payment_with_their_order_id_parameter() {
        model.answer("Hello.");

        agent(5).handle("hi", run);

        List<ToolSpecification> tools = model.requests().get(0).tools();
        assertThat(tools).extracting(ToolSpecification::name).containsExactly("get_order", "get_payment", "submit_plan");
        for (ToolSpecification tool : tools.subList(0, 2)) {
            JsonObjectSchema parameters = tool.parameters();
            assertThat(tool.description()).isNotBlank();
            assertThat(parameters.properties()).containsOnlyKeys("orderId");
            assertThat(parameters.properties().get("orderId")).isInstanceOf(JsonStringSchema.class);
            assertThat(((JsonStringSchema) parameters.properties().get("orderId")).description()).contains("8812");
            assertThat(parameters.required()).containsExactly("orderId");
            assertThat(parameters.additionalProperties()).isFalse();
        }
    }

    @Test
    void should_answer_without_the_demo_notice_when_no_tool_ran() {
        model.answer("  I can look up orders and payments.  ");

        Reply reply = agent(5).handle("what can you do?", run);

        assertThat(reply).isEqualTo(new Reply.Markdown("Errand", "I can look up orders and payments."));
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_send_an_error_for_an_unknown_tool_and_continue() throws Exception {
        model.callTool("call-1", "delete_everything", "{}").answer("I cannot do that.");

        Reply reply = agent(5).handle("delete all orders", run);

        assertThat(reply.text()).isEqualTo("I cannot do that.");
        assertThat(model.requests()).hasSize(2);
        ToolExecutionResultMessage result = toolResult(model.requests().get(1).messages().get(3));
        assertThat(result.id()).isEqualTo("call-1");
        JsonNode json = JSON.readTree(result.text());
        assertThat(json.at("/data/error").asText()).isEqualTo("step s1: unknown tool 'delete_everything'");
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_send_an_error_for_arguments_that_are_not_json() throws Exception {
        model.callTool("call-1", "get_order", "{orderId: 8812").answer("Sorry.");

        agent(5).handle("order 8812?", run);

        JsonNode json = JSON.readTree(toolResult(model.requests().get(1).messages().get(3)).text());
        assertThat(json.at("/data/error").asText()).isEqualTo("invalid plan: the arguments of get_order are not valid JSON");
        assertThat(toolSteps()).isEmpty();
    }

    @Test
    void should_send_the_validation_error_for_bad_arguments() throws Exception {
        model.callTool("call-1", "get_order", "{\"orderId\": 8812}").answer("Sorry.");

        agent(5).handle("order 8812?", run);

        JsonNode json = JSON.readTree(toolResult(model.requests().get(1).messages().get(3)).text());
        assertThat(json.at("/data/error").asText()).startsWith("step s1: invalid arguments for get_order").contains("orderId");
        assertThat(run.usedDemoData()).isFalse();
    }

    @Test
    void should_treat_empty_arguments_as_an_empty_object() throws Exception {
        model.callTool("call-1", "get_order", "").answer("Which order?");

        agent(5).handle("my order?", run);

        JsonNode json = JSON.readTree(toolResult(model.requests().get(1).messages().get(3)).text());
        assertThat(json.at("/data/error").asText()).contains("orderId");
    }

    @Test
    void should_send_the_failure_message_of_a_tool() throws Exception {
        model.callTool("call-1", "get_order", "{\"orderId\":\"999\"}").answer("Order 999 does not exist.");

        Reply reply = agent(5).handle("order 999?", run);

        JsonNode json = JSON.readTree(toolResult(model.requests().get(1).messages().get(3)).text());
        assertThat(json.at("/data/status").asText()).isEqualTo("step_failed");
        assertThat(json.at("/data/error").asText()).isEqualTo("order 999 not found");
        assertThat(reply.text()).isEqualTo("Order 999 does not exist.");
    }

    @Test
    void should_run_every_tool_call_of_one_answer_in_order() {
        model.respond(dev.langchain4j.model.chat.response.ChatResponse.builder()
                        .aiMessage(AiMessage.from(
                                ToolExecutionRequest.builder().id("a").name("get_order")
                                        .arguments("{\"orderId\":\"8812\"}").build(),
                                ToolExecutionRequest.builder().id("b").name("get_payment")
                                        .arguments("{\"orderId\":\"8812\"}").build()))
                        .build())
                .answer("Paid.");

        agent(5).handle("order and payment of 8812", run);

        List<ChatMessage> second = model.requests().get(1).messages();
        assertThat(second).hasSize(5);
        assertThat(toolResult(second.get(3)).id()).isEqualTo("a");
        assertThat(toolResult(second.get(3)).toolName()).isEqualTo("get_order");
        assertThat(toolResult(second.get(4)).id()).isEqualTo("b");
        assertThat(toolResult(second.get(4)).text()).contains("2026112622001400001");
        assertThat(toolSteps()).extracting(e -> e.id().value()).containsExactly("s1", "s2");
    }

    @Test
    void should_stop_after_max_model_calls_with_a_clear_text() {
        model.callTool("c1", "get_order", "{\"orderId\":\"8812\"}")
                .callTool("c2", "get_order", "{\"orderId\":\"8813\"}")
                .callTool("c3", "get_order", "{\"orderId\":\"8814\"}")
                .answer("never reached");

        Reply reply = agent(3).handle("loop forever", run);

        assertThat(reply).isInstanceOf(Reply.Text.class);
        assertThat(reply.text()).contains("could not finish").contains("3 model calls").contains("/help");
        assertThat(model.requests()).hasSize(3);
        assertThat(model.unusedSteps()).isEqualTo(1);
    }

    @Test
    void should_reply_without_the_exception_message_when_the_model_fails() {
        model.fail(new IllegalStateException("HTTP 401: invalid api key sk-live-4242 for https://llm.internal"));

        Reply reply = agent(5).handle("order 8812?", run);

        assertThat(reply).isInstanceOf(Reply.Text.class);
        assertThat(reply.text())
                .contains("language model could not answer")
                .contains("/help")
                .doesNotContain("sk-live-4242")
                .doesNotContain("401")
                .doesNotContain("llm.internal");
    }

    @Test
    void should_reply_with_a_text_when_the_model_fails_after_a_tool_call() {
        model.callTool("c1", "get_order", "{\"orderId\":\"8812\"}").fail(new RuntimeException("timeout after 60s"));

        Reply reply = agent(5).handle("order 8812?", run);

        assertThat(reply).isInstanceOf(Reply.Text.class);
        assertThat(reply.text()).contains("could not answer").doesNotContain("timeout after 60s");
    }

    @Test
    void should_count_the_tokens_of_every_model_call() {
        model.respondWithUsage(AiMessage.from(ToolExecutionRequest.builder().id("c1").name("get_order")
                        .arguments("{\"orderId\":\"8812\"}").build()), 100, 20)
                .respondWithUsage(AiMessage.from("Shipped soon."), 150, 30);

        agent(5).handle("order 8812?", run);

        assertThat(run.tokens()).isEqualTo(300);
    }

    /** The journaled tool calls, without the model calls. */
    private java.util.List<InMemoryStepJournal.Entry> toolSteps() {
        return journal.entries().stream().filter(e -> !e.name().equals("model") && !e.name().equals("plan")).toList();
    }
}
