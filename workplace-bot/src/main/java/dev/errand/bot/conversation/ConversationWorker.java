package dev.errand.bot.conversation;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes queued runs one at a time (in order), answering and delivering each. */
@ApplicationScoped
public class ConversationWorker {

    @Inject
    Conversations conversations;

    @Incoming(Inbox.CHANNEL)
    @Blocking
    public void onRun(String runId) {
        conversations.process(UUID.fromString(runId));
    }
}
