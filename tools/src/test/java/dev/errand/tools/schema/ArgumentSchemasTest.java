package dev.errand.tools.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.connectors.shop.OrderId;
import dev.errand.tools.Description;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Reason { DAMAGED, LATE, OTHER }

    record Search(@Description("What to look for") String query, Optional<Integer> limit, Optional<OrderId> orderId) {
    }

    record Refund(OrderId orderId, Reason reason, BigDecimal amount, boolean notifyBuyer, long attempt) {
    }

    record Tagged(String name, List<String> tags) {
    }

    record Mapped(Map<String, String> labels) {
    }

    record Nested(Optional<List<String>> tags) {
    }

    record Empty() {
    }

    @Test
    void should_derive_the_exact_schema_of_get_order_arguments() throws Exception {
        ObjectNode schema = ArgumentSchemas.of(GetOrderTool.Args.class);

        JsonNode expected = JSON.readTree("""
                {"type":"object",
                 "properties":{"orderId":{"type":"string","description":"The shop's order id, e.g. 8812"}},
                 "required":["orderId"],
                 "additionalProperties":false}""");
        assertThat(schema).isEqualTo(expected);
    }

    @Test
    void should_describe_get_payment_argument_with_its_own_description() {
        ObjectNode schema = ArgumentSchemas.of(GetPaymentTool.Args.class);

        assertThat(schema.at("/properties/orderId/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/orderId/description").asText())
                .isEqualTo("The shop's order id whose payment to find, e.g. 8812");
        assertThat(schema.get("required").toString()).isEqualTo("[\"orderId\"]");
    }

    @Test
    void should_not_require_optional_components_and_type_them_by_their_element() {
        ObjectNode schema = ArgumentSchemas.of(Search.class);

        assertThat(schema.get("required").toString()).isEqualTo("[\"query\"]");
        assertThat(schema.at("/properties/query/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/query/description").asText()).isEqualTo("What to look for");
        assertThat(schema.at("/properties/limit/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/properties/orderId/type").asText()).isEqualTo("string");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void should_leave_description_out_when_component_has_none() {
        ObjectNode schema = ArgumentSchemas.of(Search.class);

        assertThat(schema.at("/properties/limit").has("description")).isFalse();
    }

    @Test
    void should_list_enum_constants_in_declaration_order() {
        ObjectNode schema = ArgumentSchemas.of(Refund.class);

        JsonNode reason = schema.at("/properties/reason");
        assertThat(reason.get("type").asText()).isEqualTo("string");
        assertThat(reason.get("enum").toString()).isEqualTo("[\"DAMAGED\",\"LATE\",\"OTHER\"]");
    }

    @Test
    void should_map_decimals_to_pattern_checked_strings_and_primitives_to_json_types() {
        ObjectNode schema = ArgumentSchemas.of(Refund.class);

        assertThat(schema.at("/properties/orderId/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/amount/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/amount/pattern").asText()).isEqualTo("^-?[0-9]+(\\.[0-9]+)?$");
        assertThat("120.00").matches(schema.at("/properties/amount/pattern").asText());
        assertThat("1e3").doesNotMatch(schema.at("/properties/amount/pattern").asText());
        assertThat(schema.at("/properties/notifyBuyer/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/properties/attempt/type").asText()).isEqualTo("integer");
        assertThat(schema.get("required").toString())
                .isEqualTo("[\"orderId\",\"reason\",\"amount\",\"notifyBuyer\",\"attempt\"]");
    }

    @Test
    void should_derive_an_object_without_properties_for_a_record_without_components() {
        ObjectNode schema = ArgumentSchemas.of(Empty.class);

        assertThat(schema.get("properties").isEmpty()).isTrue();
        assertThat(schema.get("required").isEmpty()).isTrue();
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void should_reject_unsupported_component_type_naming_record_and_component() {
        assertThatThrownBy(() -> ArgumentSchemas.of(Tagged.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tagged.tags")
                .hasMessageContaining("java.util.List");
    }

    @Test
    void should_reject_map_components() {
        assertThatThrownBy(() -> ArgumentSchemas.of(Mapped.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Mapped.labels")
                .hasMessageContaining("unsupported argument type");
    }

    @Test
    void should_reject_optional_of_a_generic_type_naming_the_component() {
        assertThatThrownBy(() -> ArgumentSchemas.of(Nested.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tags")
                .hasMessageContaining("Optional needs a concrete element type");
    }
}
