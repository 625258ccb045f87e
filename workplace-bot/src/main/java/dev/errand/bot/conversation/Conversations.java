package dev.errand.bot.conversation;

import dev.errand.agent.Agent;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.bot.chat.ChatAdapter;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.run.RunEntity;
import dev.errand.bot.run.RunStatus;
import dev.errand.bot.run.RunStepEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Processes a stored run: the agent answers its request, the reply is stored, then delivered through
 * the channel's {@link ChatAdapter}. Each state change commits before the next step, so a restart
 * resumes from the last committed one.
 */
@ApplicationScoped
public class Conversations {
    private static final Logger LOG = Logger.getLogger(Conversations.class);

    private final Agent agent;
    private final Map<ChatChannel, ChatAdapter> adapters = new EnumMap<>(ChatChannel.class);

    @Inject
    public Conversations(Agent agent, Instance<ChatAdapter> adapters) {
        this.agent = agent;
        adapters.forEach(a -> this.adapters.put(a.channel(), a));
    }

    /** Answers a run if it is not answered yet, then delivers its reply if not delivered yet. */
    public void process(UUID runId) {
        answer(runId);
        deliver(runId);
    }

    /** Runs the agent on a RECEIVED (or interrupted RUNNING) run and stores its reply. */
    public Optional<Reply> answer(UUID runId) {
        Optional<RunEntity> claimed = QuarkusTransaction.requiringNew().call(() -> claim(runId));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        RunEntity run = claimed.get();
        RunContext context = new RunContext(run.id, run.tenant, run.employee, lastStep(run.id));
        Reply reply;
        String error = null;
        try {
            reply = agent.handle(run.requestText, context);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", runId);
            error = e.getClass().getName();
            reply = new Reply.Text("Something went wrong while handling your request; it has been logged.");
        }
        String failure = error;
        Reply answered = reply;
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity row = RunEntity.findById(runId);
            row.replyTitle = answered instanceof Reply.Markdown md ? md.title() : null;
            row.replyText = answered.text();
            row.replyMarkdown = answered instanceof Reply.Markdown;
            row.tokens = context.tokens();
            row.error = failure;
            row.moveTo(RunStatus.ANSWERED);
        });
        return Optional.of(reply);
    }

    /** Posts the stored reply of an ANSWERED run to its chat platform. */
    public void deliver(UUID runId) {
        RunEntity run = QuarkusTransaction.requiringNew().call(() -> RunEntity.<RunEntity>findById(runId));
        if (run == null || run.status != RunStatus.ANSWERED) {
            return;
        }
        ChatAdapter adapter = adapters.get(ChatChannel.valueOf(run.channel));
        if (adapter == null) {
            // replies of channels without an adapter (the REST API) are returned to the caller directly
            QuarkusTransaction.requiringNew().run(() -> RunEntity.<RunEntity>findById(runId).moveTo(RunStatus.DELIVERED));
            return;
        }
        if (run.replyToExpiresAt != null && Instant.now().isAfter(run.replyToExpiresAt)) {
            markUndelivered(runId, "the reply address expired at " + run.replyToExpiresAt);
            return;
        }
        Reply reply = Boolean.TRUE.equals(run.replyMarkdown) ? new Reply.Markdown(run.replyTitle, run.replyText)
                : new Reply.Text(run.replyText);
        try {
            adapter.deliver(run.replyTo, reply);
            QuarkusTransaction.requiringNew().run(() -> RunEntity.<RunEntity>findById(runId).moveTo(RunStatus.DELIVERED));
        } catch (ReplyDeliveryException e) {
            markUndelivered(runId, e.getMessage());
        }
    }

    private static void markUndelivered(UUID runId, String reason) {
        LOG.warnf("reply of run %s not delivered: %s", runId, reason);
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity row = RunEntity.findById(runId);
            row.error = reason;
            row.moveTo(RunStatus.DELIVERY_FAILED);
        });
    }

    private static Optional<RunEntity> claim(UUID runId) {
        RunEntity run = RunEntity.findById(runId);
        if (run == null || !(run.status == RunStatus.RECEIVED || run.status == RunStatus.RUNNING)) {
            return Optional.empty();
        }
        run.moveTo(RunStatus.RUNNING);
        return Optional.of(run);
    }

    private static int lastStep(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> RunStepEntity.lastStepOf(runId));
    }
}
