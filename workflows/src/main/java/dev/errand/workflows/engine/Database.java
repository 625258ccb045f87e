package dev.errand.workflows.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The engine's way to the database: plain JDBC transactions on a {@link DataSource}, so the engine
 * runs the same under Quarkus, in a test or in a benchmark. Errors surface as {@link DatabaseException}.
 */
public final class Database {
    /** SQLSTATE of a unique or primary key violation, the same in PostgreSQL and H2. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a foreign key violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Work on a connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own: committed when it returns, rolled back when it throws. */
    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A database error: never mistaken for a duplicate or an absent row, which callers see as such. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super("database error (SQLSTATE " + cause.getSQLState() + ")", cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
