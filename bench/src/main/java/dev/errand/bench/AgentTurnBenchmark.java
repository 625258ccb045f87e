package dev.errand.bench;

import dev.errand.agent.Agent;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.Role;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.OrderSummary;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One agent turn, measured against a baseline in the same run (the machine is shared and noisy, so
 * only the ratios mean something across runs):
 *
 * <ul>
 *   <li>{@link #errandAgentTurn} vs {@link #bareLangChain4jAiServiceTurn}: a free-text turn with one
 *       tool call, through Errand's {@link Agent} and through a plain LangChain4j AI service, both on
 *       the same stub model answering with the same two responses.</li>
 *   <li>{@link #slashCommandTurn} vs {@link #directConnectorCall}: {@code /order 8812} through the
 *       {@link Agent} (no model) and the same lookup done by hand.</li>
 * </ul>
 *
 * The agent, the AI service and the stub model are built once per trial, as the application builds
 * its {@code @ApplicationScoped} {@link Agent} once; each turn gets a fresh {@link RunContext}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgentTurnBenchmark {
    static final String QUESTION = "what happened to order 8812?";
    static final String COMMAND = "/order 8812";
    /** maxModelCalls, maxPlans, maxStepsPerPlan: generous, a turn here needs 2 calls and 1 plan of 1 step. */
    static final LlmAgent.Limits LIMITS = new LlmAgent.Limits(6, 3, 10);

    /** The employee of every Errand turn: one role that may look up orders and payments and refund. */
    static final Principal PRINCIPAL = new Principal("acme", "u1",
            List.of(new Role("support", Set.of("get_order", "get_payment", "refund_payment"), List.of(), false)),
            Set.of(), ZoneOffset.UTC);

    /** Errand's own system prompt, so that both model requests carry the same text. */
    static final String SYSTEM_PROMPT = LlmAgent.SYSTEM_PROMPT;

    /** The baseline's AI service. */
    public interface OrderAssistant {
        @dev.langchain4j.service.SystemMessage(SYSTEM_PROMPT)
        String chat(String question);
    }

    /** The baseline's one tool: the same connector call as Errand's get_order, order as a string. */
    public static final class ShopTools {
        private final DemoShopConnector shop;

        public ShopTools(DemoShopConnector shop) {
            this.shop = shop;
        }

        @Tool(name = "get_order",
                value = "Look up a shop order by id: its status, items, amount paid with currency, and buyer.")
        public String getOrder(@P(name = "orderId", value = "The shop's order id, e.g. 8812") String orderId) {
            return shop.order(OrderId.of(orderId)).toString();
        }
    }

    private DemoShopConnector shop;
    private Agent agent;
    private OrderAssistant assistant;

    @Setup(Level.Trial)
    public void setUp() {
        shop = new DemoShopConnector();
        ChatModel model = new StubChatModel();
        agent = agent(model);
        assistant = assistant(model);
        verify();
    }

    private Agent agent(ChatModel model) {
        ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(shop)));
        ToolExecutor executor = new ToolExecutor(catalog);
        return new Agent(catalog, executor, new PolicyEngine(), Optional.of(model), LIMITS);
    }

    private OrderAssistant assistant(ChatModel model) {
        return AiServices.builder(OrderAssistant.class)
                .chatModel(model)
                .tools(new ShopTools(shop))
                .build();
    }

    @Benchmark
    public Reply errandAgentTurn() {
        return agent.handle(QUESTION, new RunContext(UUID.randomUUID(), PRINCIPAL));
    }

    @Benchmark
    public String bareLangChain4jAiServiceTurn() {
        return assistant.chat(QUESTION);
    }

    @Benchmark
    public Reply slashCommandTurn() {
        return agent.handle(COMMAND, new RunContext(UUID.randomUUID(), PRINCIPAL));
    }

    @Benchmark
    public String directConnectorCall() {
        return OrderSummary.of(shop.order(OrderId.of("8812")), shop.origin()).markdown();
    }

    /**
     * Checks once per trial, on recording copies of the stub, that every benchmark does what it claims:
     * both free-text turns make exactly two model calls, run the tool and send its result back, and
     * end with the stub's answer; the slash command makes none. A broken setup fails the run instead of
     * measuring a short cut.
     */
    private void verify() {
        RecordingModel forAgent = new RecordingModel(new StubChatModel());
        Reply reply = agent(forAgent).handle(QUESTION, new RunContext(UUID.randomUUID(), PRINCIPAL));
        check(reply.text().equals(DemoNotice.append(StubChatModel.FINAL_ANSWER)), "errandAgentTurn replied " + reply);
        checkTwoCallsWithToolResult(forAgent, "errandAgentTurn");

        RecordingModel forService = new RecordingModel(new StubChatModel());
        String answer = assistant(forService).chat(QUESTION);
        check(StubChatModel.FINAL_ANSWER.equals(answer), "bareLangChain4jAiServiceTurn replied " + answer);
        checkTwoCallsWithToolResult(forService, "bareLangChain4jAiServiceTurn");

        RecordingModel forCommand = new RecordingModel(new StubChatModel());
        Reply command = agent(forCommand).handle(COMMAND, new RunContext(UUID.randomUUID(), PRINCIPAL));
        check(command.text().equals(DemoNotice.append(directConnectorCall())), "slashCommandTurn replied " + command);
        check(forCommand.requests.isEmpty(), "slashCommandTurn called the model");
    }

    private static void checkTwoCallsWithToolResult(RecordingModel model, String benchmark) {
        check(model.requests.size() == 2, benchmark + " made " + model.requests.size() + " model calls, not 2");
        List<ChatMessage> second = model.requests.get(1).messages();
        check(second.get(second.size() - 1) instanceof ToolExecutionResultMessage result
                && result.toolName().equals(StubChatModel.TOOL)
                && result.text().contains("WAIT_SELLER_SEND_GOODS"),
                benchmark + " did not send the order back to the model: " + second.get(second.size() - 1));
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** Records what a model is asked (copies the messages, as callers keep appending to their list). */
    private static final class RecordingModel implements ChatModel {
        private final ChatModel delegate;
        private final List<ChatRequest> requests = new ArrayList<>();

        RecordingModel(ChatModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(ChatRequest.builder().messages(List.copyOf(request.messages()))
                    .toolSpecifications(request.toolSpecifications()).build());
            return delegate.chat(request);
        }
    }
}
