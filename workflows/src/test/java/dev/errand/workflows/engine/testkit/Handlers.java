package dev.errand.workflows.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.workflows.engine.RunExecution;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunResult;
import dev.errand.workflows.engine.TransactionHook;
import java.util.function.Function;

/** Run handlers written as lambdas, and JSON in one line. */
public final class Handlers {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Handlers() {
    }

    public static RunHandler handler(String kind, Function<RunExecution, RunResult> body) {
        return new RunHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public RunResult run(RunExecution execution) {
                return body.apply(execution);
            }

            @Override
            public String toString() {
                return "handler of " + kind;
            }
        };
    }

    public static RunResult completed(JsonNode output) {
        return new RunResult.Completed(output, TransactionHook.NONE);
    }

    public static RunResult failed(String error) {
        return new RunResult.Failed(error, null, TransactionHook.NONE);
    }

    public static StepOutcome ok(JsonNode value) {
        return new StepOutcome.Succeeded(value);
    }

    /** An object of alternating keys and values: {@code json("order", 42, "paid", true)}. */
    public static ObjectNode json(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }
}
