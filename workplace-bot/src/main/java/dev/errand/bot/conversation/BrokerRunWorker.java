package dev.errand.bot.conversation;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The worker of builds with a broker ({@code server} profile, and the tests): {@code chat-inbound}
 * goes out to RabbitMQ and comes back on {@code chat-inbound-broker}, so any node can process it.
 * A channel cannot be both incoming and outgoing, hence the second name.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"test", "server"})
public class BrokerRunWorker {
    public static final String CHANNEL = "chat-inbound-broker";

    @Inject
    Conversations conversations;

    @Incoming(CHANNEL)
    @Blocking
    public void onRun(String runId) {
        conversations.process(UUID.fromString(runId));
    }
}
