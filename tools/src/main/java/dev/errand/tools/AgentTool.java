package dev.errand.tools;

import java.util.Optional;

/**
 * A typed tool the agent may call: a record of arguments in, a {@link ToolResult} record out.
 * The argument record's components are the tool's JSON parameters; annotate them with
 * {@link Description}. Tools are called only through the agent's executor, which validates the
 * arguments, applies policy and journals the call. Mark the class {@link CatalogTool} and the
 * application's catalog finds it; declare its chat command, if any, with {@link SlashCommand}.
 *
 * @param <A> the argument record
 * @param <R> the result record
 */
public interface AgentTool<A extends Record, R extends ToolResult> {

    ToolName name();

    /** What the tool does, for the model and for {@code /help}. */
    String description();

    /** The argument record; by default the class bound to {@code A} by the tool's class declaration. */
    @SuppressWarnings("unchecked")
    default Class<A> argumentsType() {
        return (Class<A>) TypeArguments.ofAgentTool(getClass(), 0);
    }

    /**
     * The result record; a recorded result is read back into it when a run is replayed. By default the class
     * bound to {@code R} by the tool's class declaration.
     */
    @SuppressWarnings("unchecked")
    default Class<R> resultType() {
        return (Class<R>) TypeArguments.ofAgentTool(getClass(), 1);
    }

    /** How a retryable failure of this tool is retried; read-only lookups are safe to repeat. */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.DEFAULT;
    }

    /** What the tool may do; read by policy, never by the model. */
    default Risk risk() {
        return Risk.READ_ONLY;
    }

    /**
     * The money a call with these arguments moves, for tools of risk {@link Risk#MOVES_MONEY}: policy sums
     * it over the plan and the day before anything runs.
     */
    default Optional<dev.errand.money.Money> moneyMoved(A arguments) {
        return Optional.empty();
    }

    /** The chat command that calls this tool, declared by {@link SlashCommand} on its class. */
    default Optional<SlashCommand> slashCommand() {
        return Optional.ofNullable(getClass().getAnnotation(SlashCommand.class));
    }

    /**
     * Runs the tool. Connector failures surface as typed
     * {@link dev.errand.connectors.ConnectorException}s, which the agent reads as {@link ToolFailure}s.
     */
    R call(A arguments, ToolContext context);
}
