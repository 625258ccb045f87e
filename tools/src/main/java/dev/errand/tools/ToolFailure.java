package dev.errand.tools;

import dev.errand.connectors.ConnectorException;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent needs to know of a tool call that failed in the world (the shop said no, the payment
 * platform was down): which kind of failure, whether the same call may succeed later, and a sentence for
 * the employee. The agent reads failures only through this view, never the connectors' exception types.
 *
 * @param kind the failure's type, for logs, e.g. {@code OrderNotFoundException}
 */
public record ToolFailure(String kind, boolean retryable, String userMessage) {
    public ToolFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userMessage, "userMessage");
    }

    /**
     * The failure a tool's exception stands for, or empty when the exception is a bug rather than an
     * expected failure of an external system.
     */
    public static Optional<ToolFailure> of(Throwable thrown) {
        if (thrown instanceof ConnectorException e) {
            String message = e.userMessage() == null ? e.getClass().getSimpleName() : e.userMessage();
            return Optional.of(new ToolFailure(e.getClass().getSimpleName(), e.retryable(), message));
        }
        return Optional.empty();
    }
}
