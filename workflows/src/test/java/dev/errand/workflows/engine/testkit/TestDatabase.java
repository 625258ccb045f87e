package dev.errand.workflows.engine.testkit;

import dev.errand.workflows.engine.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test class: a fresh PostgreSQL schema {@code wf_test_<random>} in database
 * {@code test} on 127.0.0.1:5432, or a fresh H2 in-memory database in PostgreSQL mode (the embedded
 * default), with the engine's migration applied. Closing it drops the schema (or the H2 database).
 */
public abstract class TestDatabase implements AutoCloseable {
    /** The workflows module's migrations, in order. */
    public static final List<String> MIGRATIONS = List.of("/db/migration/V3__durable_engine.sql",
            "/db/migration/V5__approvals_and_spending.sql");
    /** PostgreSQL's synchronous_commit for the engines' connections: off unless the build says otherwise. */
    public static final String SYNCHRONOUS_COMMIT = System.getProperty("errand.test.synchronous-commit", "off");

    private final List<ConnectionPool> pools = new CopyOnWriteArrayList<>();
    private ConnectionPool shared;

    public static TestDatabase postgres() {
        return new Postgres();
    }

    public static TestDatabase h2() {
        return new H2();
    }

    /** A data source of unpooled connections to this database. */
    protected abstract DataSource target();

    public abstract String describe();

    public abstract boolean isPostgres();

    /** The application name the connections of this database report (PostgreSQL's pg_stat_activity). */
    public abstract String applicationName();

    /** A new pool of at most {@code size} connections to this database, e.g. one per simulated node. */
    public ConnectionPool pool(int size) {
        ConnectionPool pool = new ConnectionPool(target(), size);
        pools.add(pool);
        return pool;
    }

    /** The tests' own way to the database (a shared pool, separate from the engines'). */
    public synchronized Database database() {
        if (shared == null) {
            shared = pool(4);
        }
        return new Database(shared);
    }

    protected void migrate() {
        try (Connection c = target().getConnection(); Statement s = c.createStatement()) {
            for (String statement : migrationStatements()) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migrating " + describe() + " failed", e);
        }
    }

    /** The migration script from the classpath, its comments dropped, split on {@code ;}. */
    public static List<String> migrationStatements() {
        StringBuilder all = new StringBuilder();
        for (String migration : MIGRATIONS) {
            try (InputStream in = TestDatabase.class.getResourceAsStream(migration)) {
                if (in == null) {
                    throw new IllegalStateException(migration + " is not on the classpath");
                }
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String script = all.toString();
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        return statements;
    }

    /** Empties the engine's tables between tests. */
    public void truncate() {
        update("DELETE FROM approval");
        update("DELETE FROM spend");
        update("DELETE FROM spend_lock");
        update("DELETE FROM wf_signal");
        update("DELETE FROM wf_step");
        update("DELETE FROM wf_run");
    }

    public int update(String sql, Object... params) {
        return database().transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                return s.executeUpdate();
            }
        });
    }

    /** Rows of a query as column (lower case) to value maps. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        return database().transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= columns; i++) {
                            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
        });
    }

    public Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " of " + sql);
        }
        return rows.get(0);
    }

    public long count(String sql, Object... params) {
        return ((Number) row(sql, params).values().iterator().next()).longValue();
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    @Override
    public void close() {
        pools.forEach(ConnectionPool::close);
        drop();
    }

    protected abstract void drop();

    static final class Postgres extends TestDatabase {
        private final String schema = "wf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Postgres() {
            try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach PostgreSQL on 127.0.0.1:5432 (database test)", e);
            }
            migrate();
        }

        private static PGSimpleDataSource admin() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"127.0.0.1"});
            ds.setPortNumbers(new int[] {5432});
            ds.setDatabaseName("test");
            ds.setUser("postgres");
            ds.setApplicationName("errand-workflows-tests");
            return ds;
        }

        @Override
        protected DataSource target() {
            PGSimpleDataSource ds = admin();
            ds.setCurrentSchema(schema);
            ds.setApplicationName(schema);
            // A test database needs no durable commits, and on a shared disk they cost ~3-10 ms each; run
            // with -Derrand.test.synchronous-commit=on to measure the engine with durable commits.
            ds.setOptions("-c synchronous_commit=" + SYNCHRONOUS_COMMIT);
            ds.setReWriteBatchedInserts(true);
            return ds;
        }

        @Override
        public String describe() {
            return "PostgreSQL schema " + schema;
        }

        @Override
        public boolean isPostgres() {
            return true;
        }

        @Override
        public String applicationName() {
            return schema;
        }

        @Override
        protected void drop() {
            try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("dropping " + schema + " failed", e);
            }
        }
    }

    static final class H2 extends TestDatabase {
        private final String name = "wf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        private final JdbcDataSource dataSource = new JdbcDataSource();
        // keeps the in-memory database alive between pooled connections
        private final Connection keepAlive;

        H2() {
            dataSource.setURL("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            try {
                keepAlive = dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            migrate();
        }

        @Override
        protected DataSource target() {
            return dataSource;
        }

        @Override
        public String describe() {
            return "H2 in-memory database " + name + " (PostgreSQL mode)";
        }

        @Override
        public boolean isPostgres() {
            return false;
        }

        @Override
        public String applicationName() {
            return name;
        }

        @Override
        protected void drop() {
            try (Statement s = keepAlive.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
