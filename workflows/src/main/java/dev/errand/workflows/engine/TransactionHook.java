package dev.errand.workflows.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work of the application that must commit atomically with an engine write (a step's record, a run's
 * end): for example a chat message's delivery status. Runs on the engine's connection, inside its
 * transaction.
 */
@FunctionalInterface
public interface TransactionHook {
    TransactionHook NONE = connection -> {
    };

    void apply(Connection connection) throws SQLException;
}
