package dev.errand.tools.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.tools.Description;
import dev.errand.tools.Matches;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Derives a tool's JSON Schema from its argument record, so the schema the model sees and the type
 * the tool receives cannot drift apart. Supported components: strings, integers, booleans, decimals
 * (as strings), enums and single-string value records such as {@code OrderId}; {@code Optional}
 * marks a component as not required.
 */
public final class ArgumentSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArgumentSchemas() {
    }

    public static ObjectNode of(Class<? extends Record> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> valueType = component.getType();
            boolean optional = valueType == Optional.class;
            if (optional) {
                valueType = optionalElement(component);
            } else {
                required.add(component.getName());
            }
            ObjectNode property = propertyFor(valueType, type, component.getName());
            Description description = component.getAnnotation(Description.class);
            if (description != null) {
                property.put("description", description.value());
            }
            Matches matches = component.getAnnotation(Matches.class);
            if (matches != null) {
                property.put("pattern", matches.value());
            }
            properties.set(component.getName(), property);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode propertyFor(Class<?> valueType, Class<?> owner, String name) {
        ObjectNode property = NODES.objectNode();
        if (valueType == String.class || isStringValueRecord(valueType)) {
            property.put("type", "string");
        } else if (valueType == int.class || valueType == Integer.class || valueType == long.class || valueType == Long.class) {
            property.put("type", "integer");
        } else if (valueType == boolean.class || valueType == Boolean.class) {
            property.put("type", "boolean");
        } else if (valueType == BigDecimal.class) {
            property.put("type", "string");
            property.put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
        } else if (valueType.isEnum()) {
            property.put("type", "string");
            var values = property.putArray("enum");
            for (Object constant : valueType.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else {
            throw new IllegalArgumentException(owner.getSimpleName() + "." + name + ": unsupported argument type "
                    + valueType.getName());
        }
        return property;
    }

    private static boolean isStringValueRecord(Class<?> type) {
        return type.isRecord() && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getType() == String.class;
    }

    private static Class<?> optionalElement(RecordComponent component) {
        var generic = component.getGenericType();
        if (generic instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        throw new IllegalArgumentException(component.getName() + ": Optional needs a concrete element type");
    }
}
