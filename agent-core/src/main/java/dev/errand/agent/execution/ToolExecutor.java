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
import dev.errand.agent.journal.StepJournal;
import dev.errand.agent.run.RunContext;
import dev.errand.connectors.ConnectorException;
import dev.errand.connectors.DataOrigin;
import dev.errand.tools.AgentTool;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one place every tool call goes through, whoever asked for it (a slash command or the model):
 * resolves the tool, validates the arguments against its schema, journals the step, runs it and
 * turns connector failures into a {@link ToolOutcome}. Policy checks slot in here.
 */
public final class ToolExecutor {
    private static final Logger LOG = Logger.getLogger(ToolExecutor.class);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final ToolCatalog catalog;
    private final StepJournal journal;
    private final ObjectMapper json;
    private final Map<ToolName, Schema> compiled = new ConcurrentHashMap<>();

    public ToolExecutor(ToolCatalog catalog, StepJournal journal, ObjectMapper json) {
        this.catalog = catalog;
        this.journal = journal;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public ToolExecutor(ToolCatalog catalog, StepJournal journal) {
        this(catalog, journal, new ObjectMapper().findAndRegisterModules());
    }

    /** Runs one call as the next step of {@code run}. */
    public ToolOutcome execute(ToolCall call, RunContext run) {
        Optional<ToolCatalog.Entry> entry = resolve(call.toolName());
        if (entry.isEmpty()) {
            return new ToolOutcome.Rejected("unknown tool '" + call.toolName() + "'");
        }
        AgentTool<?, ?> tool = entry.get().tool();
        ToolContext step = run.nextStep();
        journal.started(step, tool.name(), call.arguments());
        ToolOutcome outcome = run(entry.get(), call.arguments(), step);
        if (outcome instanceof ToolOutcome.Succeeded succeeded && succeeded.result().origin() == DataOrigin.DEMO) {
            run.markDemoDataUsed();
        }
        journal.finished(step, tool.name(), outcome);
        return outcome;
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
        List<Error> errors = compiled.computeIfAbsent(tool.name(), n -> SCHEMAS.getSchema(entry.schema()))
                .validate(arguments);
        if (!errors.isEmpty()) {
            return new ToolOutcome.Rejected("invalid arguments for " + tool.name() + ": "
                    + errors.stream().map(ToolExecutor::describe).collect(Collectors.joining("; ")));
        }
        try {
            ToolResult result = invoke(tool, arguments, step);
            return new ToolOutcome.Succeeded(result, json.valueToTree(result));
        } catch (InvalidArguments e) {
            return new ToolOutcome.Rejected("invalid arguments for " + tool.name() + ": " + e.getMessage());
        } catch (ConnectorException e) {
            LOG.infof("tool %s failed at step %d of run %s: %s", tool.name(), step.step(), step.runId(), e.getMessage());
            return new ToolOutcome.Failed(e.userMessage(), e.retryable());
        } catch (RuntimeException e) {
            LOG.errorf(e, "tool %s crashed at step %d of run %s", tool.name(), step.step(), step.runId());
            return new ToolOutcome.Failed(tool.name() + " failed unexpectedly", false);
        }
    }

    private <A extends Record, R extends ToolResult> R invoke(AgentTool<A, R> tool, JsonNode arguments,
            ToolContext step) {
        A typed;
        try {
            typed = json.treeToValue(arguments, tool.argumentsType());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidArguments("unknown argument '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidArguments(rootMessage(e));
        }
        return tool.call(typed, step);
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
