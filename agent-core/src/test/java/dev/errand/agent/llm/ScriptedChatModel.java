package dev.errand.agent.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link ChatModel} that answers from a script: each model call takes the next queued step and
 * every request is recorded (with a snapshot of its messages, as the caller may keep appending to
 * the list it passed). A call beyond the script fails the test.
 */
public final class ScriptedChatModel implements ChatModel {

    /** What the model saw on one call. */
    public record Seen(List<ChatMessage> messages, List<ToolSpecification> tools) {
    }

    private final Deque<Supplier<ChatResponse>> script = new ArrayDeque<>();
    private final List<Seen> requests = new ArrayList<>();

    public ScriptedChatModel answer(String text) {
        return respond(ChatResponse.builder().aiMessage(AiMessage.from(text)).build());
    }

    public ScriptedChatModel callTool(String id, String tool, String arguments) {
        return respond(ChatResponse.builder().aiMessage(AiMessage.from(ToolExecutionRequest.builder()
                .id(id).name(tool).arguments(arguments).build())).build());
    }

    public ScriptedChatModel respond(ChatResponse response) {
        script.add(() -> response);
        return this;
    }

    public ScriptedChatModel respondWithUsage(AiMessage message, int input, int output) {
        return respond(ChatResponse.builder().aiMessage(message).tokenUsage(new TokenUsage(input, output)).build());
    }

    public ScriptedChatModel fail(RuntimeException failure) {
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(new Seen(List.copyOf(request.messages()),
                request.toolSpecifications() == null ? List.of() : List.copyOf(request.toolSpecifications())));
        Supplier<ChatResponse> next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected model call " + requests.size() + ": the script is exhausted");
        }
        return next.get();
    }

    public List<Seen> requests() {
        return List.copyOf(requests);
    }

    public int unusedSteps() {
        return script.size();
    }
}
