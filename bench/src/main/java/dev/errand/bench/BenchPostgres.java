package dev.errand.bench;

import dev.errand.workflows.engine.testkit.ConnectionPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema {@code bench_<random>} in database {@code test} on PostgreSQL 127.0.0.1:5432 (user
 * postgres, trust auth), with the workflows module's migrations applied, as the engine's tests make one
 * ({@code workflows/src/test/.../testkit/TestDatabase}); {@link #close()} drops it. Its {@link ConnectionPool} (the engine tests' own)
 * keeps physical connections like an application's pool and counts the commits its connections make.
 */
final class BenchPostgres implements AutoCloseable {
    static final List<String> MIGRATIONS = List.of("/db/migration/V3__durable_engine.sql",
            "/db/migration/V5__approvals_and_spending.sql");

    final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final ConnectionPool pool;

    BenchPostgres(String synchronousCommit, int poolSize) {
        execute(admin(), "CREATE SCHEMA " + schema);
        PGSimpleDataSource target = admin();
        target.setCurrentSchema(schema);
        target.setApplicationName(schema);
        target.setOptions("-c synchronous_commit=" + synchronousCommit);
        target.setReWriteBatchedInserts(true);
        for (String statement : migrationStatements()) {
            execute(target, statement);
        }
        pool = new ConnectionPool(target, poolSize);
    }

    private static PGSimpleDataSource admin() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {5432});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setApplicationName("errand-bench");
        return ds;
    }

    /** {@code xact_commit} of database {@code test} in pg_stat_database, read on a connection of its own. */
    static long serverCommits() {
        try (Connection c = admin().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = 'test'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading pg_stat_database failed", e);
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on PostgreSQL 127.0.0.1:5432 (database test): " + sql, e);
        }
    }

    /** The migration scripts from the classpath, their comments dropped, split on {@code ;}. */
    static List<String> migrationStatements() {
        StringBuilder code = new StringBuilder();
        for (String migration : MIGRATIONS) {
            try (InputStream in = BenchPostgres.class.getResourceAsStream(migration)) {
                if (in == null) {
                    throw new IllegalStateException(migration + " is not on the classpath");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int comment = line.indexOf("--");
                    code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Arrays.stream(code.toString().split(";")).filter(s -> !s.isBlank()).map(String::trim).toList();
    }

    @Override
    public void close() {
        pool.closeIdle();
        execute(admin(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
