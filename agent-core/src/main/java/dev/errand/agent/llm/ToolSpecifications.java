package dev.errand.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.catalog.ToolCatalog;
import dev.langchain4j.agent.tool.ToolSpecification;
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
        return specifications;
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
