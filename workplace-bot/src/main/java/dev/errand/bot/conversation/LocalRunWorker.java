package dev.errand.bot.conversation;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The embedded default's worker: consumes queued runs from the in-memory {@code chat-inbound}
 * channel one at a time, in order. Builds with a broker use {@link BrokerRunWorker} instead.
 */
@ApplicationScoped
@UnlessBuildProfile(anyOf = {"test", "server"})
public class LocalRunWorker {

    @Inject
    Conversations conversations;

    @Incoming(Inbox.CHANNEL)
    @Blocking
    public void onRun(String runId) {
        conversations.process(UUID.fromString(runId));
    }
}
