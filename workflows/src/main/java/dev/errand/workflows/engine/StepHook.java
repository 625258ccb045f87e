package dev.errand.workflows.engine;

import dev.errand.agent.journal.StepOutcome;
import java.sql.Connection;
import java.sql.SQLException;

/** Application work that commits atomically with a step's final record; sees the outcome recorded. */
@FunctionalInterface
public interface StepHook {
    StepHook NONE = (connection, outcome) -> {
    };

    void apply(Connection connection, StepOutcome outcome) throws SQLException;
}
