package dev.errand.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlanParser parser = new PlanParser(3);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void should_read_steps_dependencies_and_note() throws Exception {
        Plan plan = parser.parse(json("""
                {'steps': [{'id': 's1', 'tool': 'get_payment', 'arguments': {'orderId': '8812'}},
                           {'id': 's2', 'tool': 'get_order', 'arguments': {'orderId': '${steps.s1.result.orderId}'},
                            'after': ['s1']}],
                 'note': 'look up'}"""));

        assertThat(plan.steps()).extracting(PlanStep::id).containsExactly("s1", "s2");
        assertThat(plan.step("s2").after()).containsExactly("s1");
        assertThat(plan.note()).isEqualTo("look up");
        assertThat(parser.parse(plan.toJson())).isEqualTo(plan);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|steps: at least one step is required",
            "{'steps': []}|steps: at least one step is required",
            "{'steps': [{'id': 's1', 'tool': 'get_order'}], 'extra': 1}|extra: unknown field",
            "{'steps': [{'id': 's1'}]}|steps[0].tool: a non-empty string is required",
            "{'steps': [{'id': 'plan', 'tool': 'get_order'}]}|steps[0].id: 'plan' is not a step id",
            "{'steps': [{'id': 'm1', 'tool': 'get_order'}]}|steps[0].id: 'm1' is not a step id",
            "{'steps': [{'id': 's1', 'tool': 'x'}, {'id': 's1', 'tool': 'y'}]}|steps[1].id: 's1' is used twice",
            "{'steps': [{'id': 's1', 'tool': 'x', 'after': ['s9']}]}|steps[0].after: no step 's9' in this plan",
            "{'steps': [{'id': 's1', 'tool': 'x', 'after': ['s2']}, {'id': 's2', 'tool': 'x', 'after': ['s1']}]}|form a cycle",
            "{'steps': [{'id': 's1', 'tool': 'x', 'arguments': []}]}|steps[0].arguments: must be an object",
            "{'steps': [{'id': 's1', 'tool': 'x'}, {'id': 's2', 'tool': 'x'}, {'id': 's3', 'tool': 'x'}, {'id': 's4', 'tool': 'x'}]}|at most 3 steps",
            "{'steps': [{'id': 's1', 'tool': 'x', 'arguments': {'a': '${steps.s2.result.x}'}}, {'id': 's2', 'tool': 'x'}]}|refers to step 's2', which is not a step of this plan that s1 runs after",
            "{'steps': [{'id': 's1', 'tool': 'x', 'arguments': {'a': '${s0}'}}]}|steps[0].arguments.a: a reference must read",
            "{'steps': [{'id': 's1', 'tool': 'x', 'arguments': {'a': '${steps.s1}'}}]}|arguments.a: a reference must read",
    })
    void should_name_the_field_of_a_malformed_plan(String plan, String message) {
        assertThatThrownBy(() -> parser.parse(json(plan))).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining(message);
    }

    @Test
    void should_refuse_a_reference_to_itself() {
        assertThatThrownBy(() -> parser.parse(json(
                "{'steps': [{'id': 's1', 'tool': 'x', 'arguments': {'a': '${steps.s1.result.x}'}}]}")))
                .hasMessageContaining("refers to step 's1'");
    }

    @Test
    void should_allow_references_to_transitive_dependencies() throws Exception {
        Plan plan = parser.parse(json("""
                {'steps': [{'id': 'a', 'tool': 'x'}, {'id': 'b', 'tool': 'x', 'after': ['a']},
                           {'id': 'c', 'tool': 'x', 'arguments': {'v': 'order ${steps.a.result.id}'}, 'after': ['b']}]}"""));

        assertThat(PlanRunner.order(plan)).extracting(PlanStep::id).containsExactly("a", "b", "c");
    }
}
