package dev.errand.bot.conversation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.chat.IntakeGuard;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.NewRun;
import dev.errand.workflows.engine.RunEnd;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts inbound chat messages. A message and the run that answers it are stored in one transaction;
 * once it commits the message is acknowledged, and the engine will answer it whatever happens to this
 * process: the database is the queue, so nothing waits in memory and a full channel cannot fail an intake.
 * A message id seen before (a platform's retry) is accepted once.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    Engine engine;

    @Inject
    WakeUps wakeUps;

    @Inject
    Clock clock;

    /** A message was recorded before; the transaction that tried again is rolled back. */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }

    /** Stores the message and its run; empty when this message id was accepted before. */
    public Optional<UUID> accept(ChatMessage message) {
        return accept(message, IntakeGuard.NONE);
    }

    /**
     * As {@link #accept(ChatMessage)}, after {@code guard} admitted the message in the same transaction.
     *
     * @throws RefusedException when the guard refuses it: nothing was stored
     */
    public Optional<UUID> accept(ChatMessage message, IntakeGuard guard) {
        UUID runId = UUID.randomUUID();
        NewRun run = newRun(runId, message);
        try {
            engine.database().transaction(c -> {
                Optional<String> refusal = guard.refusal(c);
                if (refusal.isPresent()) {
                    throw new RefusedException(refusal.get());
                }
                engine.enqueue(c, run);
                if (!ChatMessages.insert(c, message, runId, clock.instant(), ChatMessages.Delivery.PENDING)) {
                    throw new Duplicate();
                }
                return null;
            });
        } catch (Duplicate e) {
            return Optional.empty();
        }
        wakeUps.workToDo();
        return Optional.of(runId);
    }

    /**
     * Stores the message with its run claimed by this node and runs it on the calling thread, for a
     * caller waiting on the connection (the REST API). The future completes when the run ends here.
     */
    public Accepted acceptAndRun(ChatMessage message) {
        UUID runId = UUID.randomUUID();
        NewRun run = newRun(runId, message);
        engine.database().transaction(c -> {
            engine.enqueueClaimed(c, run);
            if (!ChatMessages.insert(c, message, runId, clock.instant(), ChatMessages.Delivery.NOT_NEEDED)) {
                throw new IllegalStateException("message id " + message.messageId() + " is not new");
            }
            return null;
        });
        return new Accepted(runId, engine.runClaimed(run));
    }

    /** The intake guard refused the message; its transaction rolled back. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A message accepted for a caller that waits for its run. */
    public record Accepted(UUID runId, CompletableFuture<RunEnd> end) {
    }

    private static NewRun newRun(UUID runId, ChatMessage message) {
        ObjectNode input = JsonNodeFactory.instance.objectNode()
                .put("channel", message.channel().name())
                .put("tenant", message.tenant())
                .put("user", message.user())
                .put("text", message.text());
        // where the reply goes travels with the run, so delivering it reads nothing more
        if (message.replyTo() != null) {
            input.put("replyTo", message.replyTo());
            if (message.replyToExpiresAt() != null) {
                input.put("replyToExpiresAt", message.replyToExpiresAt().toString());
            }
        }
        // one conversation is answered in order; API calls have no conversation to keep in order
        String orderingKey = message.channel() == ChatChannel.API || message.threadId() == null ? runId.toString()
                : message.channel().name() + ":" + message.tenant() + ":" + message.threadId();
        return new NewRun(runId, ChatRunHandler.KIND, orderingKey, input);
    }
}
