package dev.errand.bot.conversation;

import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.run.RunEntity;
import dev.errand.bot.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Accepts inbound chat messages: stores each as a run in one transaction with its message id (so a
 * redelivered message is accepted once and an acknowledged one survives a restart), then hands the
 * run to the {@code chat-inbound} channel for asynchronous processing.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    public static final String CHANNEL = "chat-inbound";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> inbound;

    /** Stores the message and queues it; empty when this message id was accepted before. */
    public Optional<UUID> accept(ChatMessage message) {
        Optional<UUID> runId = store(message);
        runId.ifPresent(this::dispatch);
        return runId;
    }

    /** Stores the message without queueing it, for callers that process it themselves. */
    public Optional<UUID> store(ChatMessage message) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> insertIfAbsent(message));
        } catch (PersistenceException e) {
            // a concurrent delivery of the same message id won the insert
            LOG.debugf("message %s on %s accepted concurrently", message.messageId(), message.channel());
            return Optional.empty();
        }
    }

    /** Queues a stored run for processing. */
    public void dispatch(UUID runId) {
        inbound.send(runId.toString()).whenComplete((ok, failure) -> {
            if (failure != null) {
                // the run stays RECEIVED in the database; Recovery queues it again on the next start
                LOG.warnf("run %s stored but not queued: %s", runId, failure.getClass().getSimpleName());
            }
        });
    }

    private static Optional<UUID> insertIfAbsent(ChatMessage message) {
        var key = new InboundMessageEntity.Key(message.channel().name(), message.messageId());
        if (InboundMessageEntity.findById(key) != null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        RunEntity run = new RunEntity();
        run.id = UUID.randomUUID();
        run.channel = message.channel().name();
        run.tenant = message.tenant();
        run.employee = message.user();
        run.threadId = message.threadId();
        run.requestText = message.text();
        run.replyTo = message.replyTo();
        run.replyToExpiresAt = message.replyToExpiresAt();
        run.status = RunStatus.RECEIVED;
        run.createdAt = now;
        run.updatedAt = now;
        run.persist();
        InboundMessageEntity seen = new InboundMessageEntity();
        seen.channel = key.channel();
        seen.messageId = key.messageId();
        seen.runId = run.id;
        seen.receivedAt = now;
        seen.persist();
        RunEntity.flush();
        return Optional.of(run.id);
    }
}
