package dev.errand.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema {@code bench_<random>} in database {@code test} on PostgreSQL 127.0.0.1:5432 (user
 * postgres, trust auth), with the workflows module's migrations applied, as the engine's tests make one
 * ({@code workflows/src/test/.../testkit/TestDatabase}); {@link #close()} drops it. Its {@link Pool} keeps
 * physical connections like an application's pool and counts the commits its connections make.
 */
final class BenchPostgres implements AutoCloseable {
    static final List<String> MIGRATIONS = List.of("/db/migration/V3__durable_engine.sql",
            "/db/migration/V5__approvals_and_spending.sql");

    final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final Pool pool;

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
        pool = new Pool(target, poolSize);
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

    /**
     * A small pooling {@link DataSource}: at most {@code size} connections lent at once, physical connections
     * kept and reused (rolled back and reset to auto-commit when returned, which sends nothing to the server
     * when no transaction is open), and the {@code commit()} calls made on lent connections counted.
     */
    static final class Pool implements DataSource {
        private final DataSource target;
        private final Semaphore permits;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private final AtomicLong commits = new AtomicLong();

        Pool(DataSource target, int size) {
            this.target = target;
            this.permits = new Semaphore(size, true);
        }

        /** Commits made through this pool so far. */
        long commits() {
            return commits.get();
        }

        /** Closes the idle physical connections (their server processes flush their statistics as they exit). */
        void closeIdle() {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new SQLException("no connection free within 30 s", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted waiting for a connection", "08001", e);
            }
            try {
                Connection physical = idle.pollFirst();
                if (physical == null || physical.isClosed()) {
                    physical = target.getConnection();
                }
                return lend(physical);
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        private Connection lend(Connection physical) {
            AtomicBoolean returned = new AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close":
                                if (returned.compareAndSet(false, true)) {
                                    giveBack(physical);
                                }
                                return null;
                            case "isClosed":
                                return returned.get() || physical.isClosed();
                            case "commit":
                                commits.incrementAndGet();
                                break;
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            default:
                                break;
                        }
                        if (returned.get()) {
                            throw new SQLException("connection already returned to the pool", "08003");
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private void giveBack(Connection physical) {
            try {
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                    physical.setAutoCommit(true);
                }
                idle.addFirst(physical);
            } catch (SQLException e) {
                try {
                    physical.close();
                } catch (SQLException ignored) {
                    // broken anyway
                }
            } finally {
                permits.release();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
