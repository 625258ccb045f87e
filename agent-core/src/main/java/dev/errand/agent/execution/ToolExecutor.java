package dev.errand.agent.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.journal.RunSuspended;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.agent.run.RunContext;
import dev.errand.money.Money;
import dev.errand.tools.AgentTool;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolFailure;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one place every tool call goes through, whoever asked for it (a slash command or the model):
 * resolves the tool, validates the arguments against its schema and runs the call as a journaled step
 * of the run, so a recorded call is replayed instead of repeated and a retryable failure is retried
 * under the tool's policy. A tool's failure, read through {@link ToolFailure}, becomes a {@link ToolOutcome}.
 * Policy judges whole plans before they reach here ({@code plan.PlanRunner}).
 */
public final class ToolExecutor {
    private static final Logger LOG = Logger.getLogger(ToolExecutor.class);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    static final String REJECTED = "rejected";
    static final String FAILED = "failed";

    private final ToolCatalog catalog;
    private final ObjectMapper json;
    private final Map<ToolName, Schema> compiled = new ConcurrentHashMap<>();

    public ToolExecutor(ToolCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public ToolExecutor(ToolCatalog catalog) {
        this(catalog, new ObjectMapper().findAndRegisterModules());
    }

    /** Runs one call as step {@code id} of {@code run}, or replays it if the run's journal recorded it. */
    public ToolOutcome execute(StepId id, ToolCall call, RunContext run) {
        Optional<ToolCatalog.Entry> entry = resolve(call.toolName());
        if (entry.isEmpty()) {
            return new ToolOutcome.Rejected("unknown tool '" + call.toolName() + "'");
        }
        AgentTool<?, ?> tool = entry.get().tool();
        AtomicReference<ToolOutcome> ranNow = new AtomicReference<>();
        StepOutcome recorded = run.journal().step(id, tool.name().value(), call.arguments(), tool.retryPolicy(), () -> {
            ToolOutcome fresh = run(entry.get(), call.arguments(), run.step(id));
            ranNow.set(fresh);
            return toStep(fresh);
        });
        // a step run now keeps its typed result; a replayed one is read back from the journal
        ToolOutcome outcome = ranNow.get() != null ? ranNow.get() : fromStep(tool, recorded);
        if (outcome instanceof ToolOutcome.Succeeded succeeded && succeeded.result().demoData()) {
            run.markDemoDataUsed();
        }
        return outcome;
    }

    /** A call checked before it runs: valid with the money it would move, or why not. */
    public sealed interface Check {
        /** The call fits its tool's schema and argument record. */
        record Valid(AgentTool<?, ?> tool, Optional<Money> money) implements Check {
        }

        /** The call names no tool of the catalog, or its arguments do not fit. */
        record Invalid(String reason) implements Check {
        }
    }

    /** Checks a call as {@link #execute} would before running it, without running it. */
    public Check check(ToolCall call) {
        Optional<ToolCatalog.Entry> entry = resolve(call.toolName());
        if (entry.isEmpty()) {
            return new Check.Invalid("unknown tool '" + call.toolName() + "'");
        }
        AgentTool<?, ?> tool = entry.get().tool();
        Optional<String> schemaError = schemaError(entry.get(), call.arguments());
        if (schemaError.isPresent()) {
            return new Check.Invalid(schemaError.get());
        }
        try {
            return new Check.Valid(tool, moneyMoved(tool, call.arguments()));
        } catch (InvalidArguments e) {
            return new Check.Invalid("invalid arguments for " + tool.name() + ": " + e.getMessage());
        }
    }

    private <A extends Record> Optional<Money> moneyMoved(AgentTool<A, ?> tool, JsonNode arguments) {
        return tool.moneyMoved(typed(tool, arguments));
    }

    private Optional<String> schemaError(ToolCatalog.Entry entry, JsonNode arguments) {
        List<Error> errors = compiled.computeIfAbsent(entry.tool().name(), n -> SCHEMAS.getSchema(entry.schema()))
                .validate(arguments);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("invalid arguments for " + entry.tool().name() + ": "
                + errors.stream().map(ToolExecutor::describe).collect(Collectors.joining("; ")));
    }

    private static StepOutcome toStep(ToolOutcome outcome) {
        if (outcome instanceof ToolOutcome.Succeeded succeeded) {
            return new StepOutcome.Succeeded(succeeded.json());
        }
        if (outcome instanceof ToolOutcome.Rejected rejected) {
            return new StepOutcome.Failed(REJECTED, false, rejected.reason());
        }
        if (outcome instanceof ToolOutcome.Failed failed) {
            return new StepOutcome.Failed(FAILED, failed.retryable(), failed.message());
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    private ToolOutcome fromStep(AgentTool<?, ?> tool, StepOutcome step) {
        if (step instanceof StepOutcome.Succeeded succeeded) {
            try {
                ToolResult result = json.treeToValue(succeeded.value(), tool.resultType());
                return new ToolOutcome.Succeeded(result, succeeded.value());
            } catch (JsonProcessingException e) {
                // a recorded result the current result type cannot read: the tool changed under the run
                throw new IllegalStateException("the recorded result of " + tool.name()
                        + " no longer reads as " + tool.resultType().getSimpleName(), e);
            }
        }
        if (step instanceof StepOutcome.Failed failed) {
            return REJECTED.equals(failed.kind()) ? new ToolOutcome.Rejected(failed.message())
                    : new ToolOutcome.Failed(failed.message(), failed.retryable());
        }
        throw new IllegalStateException("unknown step outcome " + step);
    }

    /** The catalog's tool of that name. */
    public Optional<AgentTool<?, ?>> tool(String toolName) {
        return resolve(toolName).map(ToolCatalog.Entry::tool);
    }

    private Optional<ToolCatalog.Entry> resolve(String toolName) {
        try {
            return catalog.find(ToolName.of(toolName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ToolOutcome run(ToolCatalog.Entry entry, JsonNode arguments, ToolContext step) {
        AgentTool<?, ?> tool = entry.tool();
        Optional<String> schemaError = schemaError(entry, arguments);
        if (schemaError.isPresent()) {
            return new ToolOutcome.Rejected(schemaError.get());
        }
        try {
            ToolResult result = invoke(tool, arguments, step);
            return new ToolOutcome.Succeeded(result, json.valueToTree(result));
        } catch (InvalidArguments e) {
            return new ToolOutcome.Rejected("invalid arguments for " + tool.name() + ": " + e.getMessage());
        } catch (RunSuspended e) {
            throw e;
        } catch (RuntimeException e) {
            Optional<ToolFailure> failure = ToolFailure.of(e);
            if (failure.isPresent()) {
                LOG.infof("tool %s failed at step %s of run %s: %s %s", tool.name(), step.stepId(), step.runId(),
                        failure.get().kind(), e.getMessage());
                return new ToolOutcome.Failed(failure.get().userMessage(), failure.get().retryable());
            }
            LOG.errorf(e, "tool %s crashed at step %s of run %s", tool.name(), step.stepId(), step.runId());
            return new ToolOutcome.Failed(tool.name() + " failed unexpectedly", false);
        }
    }

    private <A extends Record, R extends ToolResult> R invoke(AgentTool<A, R> tool, JsonNode arguments,
            ToolContext step) {
        return tool.call(typed(tool, arguments), step);
    }

    private <A extends Record> A typed(AgentTool<A, ?> tool, JsonNode arguments) {
        try {
            return json.treeToValue(arguments, tool.argumentsType());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidArguments("unknown argument '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidArguments(rootMessage(e));
        }
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        return message.startsWith(location) ? message : location + ": " + message;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return root.getMessage();
    }

    /** Arguments that passed the schema but not the argument record's own checks. */
    private static final class InvalidArguments extends RuntimeException {
        InvalidArguments(String message) {
            super(message, null, false, false);
        }
    }
}
