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
 * A deterministic, stateless stand-in for a model with native function calling. It decides from the
 * request alone: a request that carries no tool result gets a {@code get_order {"orderId":"8812"}}
 * call, a request that carries one gets the final answer. Both responses are built once and are
 * immutable, so the model is thread-safe and costs the same on every call; what a benchmark measures
 * is the framework around it.
 */
public final class StubChatModel implements ChatModel {
    public static final String TOOL = "get_order";
    public static final String ARGUMENTS = "{\"orderId\":\"8812\"}";
    public static final String FINAL_ANSWER =
            "Order **8812** is waiting for the seller to ship: 2 × Ceramic mug, 120.00 CNY, buyer li***lei.";

    private static final ChatResponse CALL_TOOL = ChatResponse.builder()
            .aiMessage(AiMessage.from(ToolExecutionRequest.builder()
                    .id("call_8812").name(TOOL).arguments(ARGUMENTS).build()))
            .tokenUsage(new TokenUsage(180, 20))
            .finishReason(FinishReason.TOOL_EXECUTION)
            .build();

    private static final ChatResponse ANSWER = ChatResponse.builder()
            .aiMessage(AiMessage.from(FINAL_ANSWER))
            .tokenUsage(new TokenUsage(320, 40))
            .finishReason(FinishReason.STOP)
            .build();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return hasToolResult(request.messages()) ? ANSWER : CALL_TOOL;
    }

    private static boolean hasToolResult(List<ChatMessage> messages) {
        // the tool result is the last message in both agents' loops; scan back from there
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ToolExecutionResultMessage) {
                return true;
            }
        }
        return false;
    }
}
