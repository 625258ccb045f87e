package dev.errand.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.connectors.DataOrigin;
import dev.errand.tools.AgentTool;
import dev.errand.tools.Description;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolSpecificationsTest {

    enum Channel { EMAIL, SMS }

    record NotifyArgs(@Description("Who to notify") String employee, Channel channel, int retries,
            Optional<Boolean> urgent) {
    }

    record Done() implements ToolResult {
        @Override
        public String title() {
            return "done";
        }

        @Override
        public String markdown() {
            return "done";
        }

        @Override
        public DataOrigin origin() {
            return DataOrigin.LIVE;
        }
    }

    static final class NotifyTool implements AgentTool<NotifyArgs, Done> {
        @Override
        public ToolName name() {
            return ToolName.of("notify");
        }

        @Override
        public String description() {
            return "Notify an employee.";
        }

        @Override
        public Class<NotifyArgs> argumentsType() {
            return NotifyArgs.class;
        }

        @Override
        public Class<Done> resultType() {
            return Done.class;
        }

        @Override
        public Done call(NotifyArgs arguments, ToolContext context) {
            return new Done();
        }
    }

    @Test
    void should_translate_each_schema_type_to_its_langchain4j_element() {
        List<ToolSpecification> specifications = ToolSpecifications.of(new ToolCatalog(List.of(new NotifyTool())));

        assertThat(specifications).hasSize(2);
        assertThat(specifications.get(1).name()).isEqualTo("submit_plan");
        ToolSpecification notify = specifications.get(0);
        assertThat(notify.name()).isEqualTo("notify");
        assertThat(notify.description()).isEqualTo("Notify an employee.");
        JsonObjectSchema parameters = notify.parameters();
        assertThat(parameters.properties()).containsOnlyKeys("employee", "channel", "retries", "urgent");
        assertThat(parameters.properties().get("employee")).isInstanceOf(JsonStringSchema.class);
        assertThat(((JsonStringSchema) parameters.properties().get("employee")).description())
                .isEqualTo("Who to notify");
        assertThat(parameters.properties().get("channel")).isInstanceOf(JsonEnumSchema.class);
        assertThat(((JsonEnumSchema) parameters.properties().get("channel")).enumValues())
                .containsExactly("EMAIL", "SMS");
        assertThat(parameters.properties().get("retries")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(parameters.properties().get("urgent")).isInstanceOf(JsonBooleanSchema.class);
        assertThat(parameters.required()).containsExactly("employee", "channel", "retries");
        assertThat(parameters.additionalProperties()).isFalse();
    }
}
