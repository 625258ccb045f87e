package dev.errand.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * A stand-in for a remote model that takes {@link #LATENCY_MS} ms per call (it sleeps; the benchmarks'
 * warm-up before measuring uses a copy that answers at once), stateless like
 * {@link StubChatModel}: a request that carries no tool result gets a {@code refund_payment} call of
 * 100.00 CNY on order 8815, a request that carries one gets the final answer.
 */
public final class RefundStubChatModel implements ChatModel {
    public static final long LATENCY_MS = 20;
    public static final String TOOL = "refund_payment";
    public static final String ORDER = "8815";
    public static final String AMOUNT = "100.00";
    public static final String ARGUMENTS = "{\"orderId\":\"" + ORDER + "\",\"amount\":\"" + AMOUNT
            + "\",\"currency\":\"CNY\",\"reason\":\"One of the two items arrived broken\"}";
    public static final String FINAL_ANSWER = "Refunded **100.00 CNY** on order **8815**.";

    private static final ChatResponse CALL_TOOL = ChatResponse.builder()
            .aiMessage(AiMessage.from(ToolExecutionRequest.builder()
                    .id("call_refund_8815").name(TOOL).arguments(ARGUMENTS).build()))
            .tokenUsage(new TokenUsage(420, 40))
            .finishReason(FinishReason.TOOL_EXECUTION)
            .build();

    private static final ChatResponse ANSWER = ChatResponse.builder()
            .aiMessage(AiMessage.from(FINAL_ANSWER))
            .tokenUsage(new TokenUsage(560, 20))
            .finishReason(FinishReason.STOP)
            .build();

    private final long latencyMs;

    public RefundStubChatModel() {
        this(LATENCY_MS);
    }

    public RefundStubChatModel(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        try {
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return hasToolResult(request.messages()) ? ANSWER : CALL_TOOL;
    }

    private static boolean hasToolResult(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ToolExecutionResultMessage) {
                return true;
            }
        }
        return false;
    }
}
