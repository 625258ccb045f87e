package dev.errand.bot.conversation;

import dev.errand.workflows.engine.Engine;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Tells workers that work was stored, so they claim it now rather than at their next poll. Only an
 * optimisation: the work is in the database already, and a lost wake-up delays it by one poll interval.
 */
public interface WakeUps {

    /** Called after a transaction that stored due work committed. */
    void workToDo();

    /** The embedded default: one node, woken directly. */
    @ApplicationScoped
    @UnlessBuildProfile(anyOf = {"test", "server"})
    class Local implements WakeUps {
        @Inject
        Engine engine;

        @Override
        public void workToDo() {
            engine.wake();
        }
    }

    /**
     * Builds with a broker: this node wakes at once and a message on {@code run-wakeup} wakes another
     * node too, so the nodes share the work. A full or broken channel drops the wake-up, never the work.
     */
    @ApplicationScoped
    @IfBuildProfile(anyOf = {"test", "server"})
    class Broker implements WakeUps {
        public static final String OUT = "run-wakeup";
        public static final String IN = "run-wakeup-broker";
        private static final Logger LOG = Logger.getLogger(Broker.class);

        @Inject
        Engine engine;

        @Inject
        @Channel(OUT)
        @OnOverflow(value = OnOverflow.Strategy.DROP)
        Emitter<String> broker;

        @Override
        public void workToDo() {
            engine.wake();
            try {
                broker.send("work").exceptionally(failure -> {
                    LOG.debugf("wake-up not sent: %s", failure.getClass().getSimpleName());
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.debugf("wake-up not sent: %s", e.getClass().getSimpleName());
            }
        }

        @Incoming(IN)
        @Blocking
        public void onWakeUp(String ignored) {
            engine.wake();
        }
    }
}
