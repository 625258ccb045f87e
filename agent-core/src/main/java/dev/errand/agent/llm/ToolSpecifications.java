package dev.errand.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.catalog.ToolCatalog;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Offers the catalog's tools to a LangChain4j model, with the same schemas the executor validates. */
final class ToolSpecifications {
    static final String SUBMIT_PLAN = "submit_plan";

    private ToolSpecifications() {
    }

    static List<ToolSpecification> of(ToolCatalog catalog) {
        List<ToolSpecification> specifications = new ArrayList<>();
        for (ToolCatalog.Entry entry : catalog.entries()) {
            specifications.add(ToolSpecification.builder()
                    .name(entry.tool().name().value())
                    .description(entry.tool().description())
                    .parameters(objectSchema(entry.schema()))
                    .build());
        }
        specifications.add(submitPlan(catalog));
        return specifications;
    }

    /** The function whose argument is a plan: the way the model proposes several steps at once. */
    static ToolSpecification submitPlan(ToolCatalog catalog) {
        List<String> tools = new ArrayList<>();
        catalog.entries().forEach(e -> tools.add(e.tool().name().value()));
        JsonObjectSchema step = JsonObjectSchema.builder()
                .addStringProperty("id", "Short step id, unique in the plan: s1, s2, ...")
                .addProperty("tool", JsonEnumSchema.builder().enumValues(tools).description("The tool to call").build())
                .addProperty("arguments", JsonObjectSchema.builder()
                        .description("The tool's arguments. A value may be a reference to an earlier step's result, "
                                + "e.g. \"${steps.s1.result.orderId}\" (only to steps listed in after; never for "
                                + "amounts of money-moving tools)")
                        .additionalProperties(true).build())
                .addProperty("after", JsonArraySchema.builder().items(JsonStringSchema.builder().build())
                        .description("Ids of the steps this one runs after").build())
                .required("id", "tool", "arguments")
                .additionalProperties(false)
                .build();
        return ToolSpecification.builder()
                .name(SUBMIT_PLAN)
                .description("Submit a plan of tool calls to run for the employee. The whole plan is checked against "
                        + "the employee's permissions and limits before anything runs; steps above a limit wait for a "
                        + "human approver. You receive each step's result, or why the plan was refused.")
                .parameters(JsonObjectSchema.builder()
                        .addProperty("steps", JsonArraySchema.builder().items(step).description("The steps").build())
                        .addStringProperty("note", "One sentence on what the plan does, for approvers")
                        .required("steps")
                        .additionalProperties(false)
                        .build())
                .build();
    }

    private static JsonObjectSchema objectSchema(JsonNode schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            builder.addProperty(property.getKey(), element(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return builder.required(required)
                .additionalProperties(schema.path("additionalProperties").asBoolean(true))
                .build();
    }

    private static JsonSchemaElement element(JsonNode property) {
        String description = property.path("description").asText(null);
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.path("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        return switch (property.path("type").asText()) {
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "string" -> JsonStringSchema.builder().description(description).build();
            default -> throw new IllegalArgumentException("unsupported schema type " + property.path("type"));
        };
    }
}
