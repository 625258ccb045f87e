package dev.errand.workflows.engine.testkit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A tiny pooling {@link DataSource} for tests: at most {@code size} connections handed out at once, physical
 * connections kept and reused (rolled back and reset to auto-commit when returned). It can also be "cut off"
 * to simulate a node that lost its database (or died): while cut off every {@link #getConnection()} fails. It counts
 * the {@code commit()} calls made on lent connections (the benchmarks report commits per turn).
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
    private final DataSource target;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean cutOff;
    private volatile boolean closed;

    public ConnectionPool(DataSource target, int size) {
        this.target = target;
        this.permits = new Semaphore(size, true);
    }

    /** While cut off, asking for a connection fails as if the database were unreachable. */
    public void cutOff(boolean cutOff) {
        this.cutOff = cutOff;
    }

    /** Physical connections opened so far. */
    public int opened() {
        return opened.get();
    }

    /** Commits made through this pool's connections so far. */
    public long commits() {
        return commits.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the pool is closed", "08003");
        }
        if (cutOff) {
            throw new SQLException("the database is unreachable (cut off by the test)", "08001");
        }
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
            while (physical != null && physical.isClosed()) {
                physical = idle.pollFirst();
            }
            if (physical == null) {
                physical = target.getConnection();
                opened.incrementAndGet();
            }
            return lend(physical);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection lend(Connection physical) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
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
                        case "unwrap":
                            return physical.unwrap((Class<?>) args[0]);
                        case "isWrapperFor":
                            return physical.isWrapperFor((Class<?>) args[0]);
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "pooled " + physical;
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
            if (closed) {
                physical.close();
                return;
            }
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
    public void close() {
        closed = true;
        closeIdle();
    }

    /** Closes the idle physical connections; the pool stays usable (their server processes exit and flush statistics). */
    public void closeIdle() {
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
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
