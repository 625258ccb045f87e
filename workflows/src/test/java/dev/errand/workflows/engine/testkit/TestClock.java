package dev.errand.workflows.engine.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test controls. {@link #ticking()} follows real time plus an offset the test can push forward
 * (leases and backoffs still pass on their own); {@link #frozen()} stands still until the test moves it,
 * so a timer or a backoff falls due exactly when the test says.
 */
public final class TestClock extends Clock {
    private final boolean ticks;
    private final AtomicReference<Instant> base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock(boolean ticks, Instant base) {
        this.ticks = ticks;
        this.base = new AtomicReference<>(base);
    }

    public static TestClock ticking() {
        return new TestClock(true, null);
    }

    public static TestClock frozen() {
        return new TestClock(false, Instant.now());
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        Instant now = ticks ? Instant.now() : base.get();
        return now.plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
