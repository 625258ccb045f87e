package dev.errand.connectors.sdk.internal;

import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts SmallRye Fault Tolerance's standalone runtime on daemon threads. Left alone it starts its timer
 * thread from whichever thread first uses a guard, which is usually {@code main}, and a plain Java
 * program using a connector would then never exit.
 */
final class FaultToleranceRuntime {
    private static volatile boolean started;

    private FaultToleranceRuntime() {
    }

    static void start() {
        if (started) {
            return;
        }
        synchronized (FaultToleranceRuntime.class) {
            if (started) {
                return;
            }
            AtomicInteger count = new AtomicInteger();
            try {
                StandaloneFaultTolerance.configure(() -> Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "errand-fault-tolerance-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }));
            } catch (IllegalStateException alreadyConfigured) {
                // the application configured it first: its choice stands
            }
            // the timer thread inherits daemon status from the thread that creates it
            Thread init = new Thread(StandaloneFaultTolerance::timerAccess, "errand-fault-tolerance-init");
            init.setDaemon(true);
            init.start();
            try {
                init.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            started = true;
        }
    }
}
