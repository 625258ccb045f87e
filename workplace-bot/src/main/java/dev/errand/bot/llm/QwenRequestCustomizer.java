package dev.errand.bot.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.quarkiverse.langchain4j.ModelBuilderCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Sends {@code enable_thinking:false} with every chat request: Qwen3 models otherwise reject
 * non-streaming calls (see protocols/llm.md §7); endpoints that do not know the field ignore it.
 */
@ApplicationScoped
public class QwenRequestCustomizer implements ModelBuilderCustomizer<OpenAiChatModel.OpenAiChatModelBuilder> {

    @Override
    public void customize(OpenAiChatModel.OpenAiChatModelBuilder builder) {
        builder.customParameters(Map.of("enable_thinking", false)).parallelToolCalls(false);
    }
}
