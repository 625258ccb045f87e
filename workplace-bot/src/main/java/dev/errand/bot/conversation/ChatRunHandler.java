package dev.errand.bot.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.Agent;
import dev.errand.agent.journal.RunSuspended;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.bot.chat.ChatAdapter;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ReplyDeliveryException;
import dev.errand.bot.chat.TransientReplyDeliveryException;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.bot.identity.Policies;
import dev.errand.tools.RetryPolicy;
import dev.errand.tools.ToolContext;
import dev.errand.workflows.approval.Approval;
import dev.errand.workflows.approval.Approvals;
import dev.errand.workflows.approval.EngineApprovalGate;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.LeaseLostException;
import dev.errand.workflows.engine.RunExecution;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunResult;
import dev.errand.workflows.engine.StepConflictException;
import dev.errand.workflows.engine.TransactionHook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers one chat message as a durable run: the agent's steps and its reply are journaled (step
 * {@code reply}), then the reply is delivered as a step of its own ({@code deliver}) on the platform's
 * delivery lane, retried with backoff while the platform is unavailable. A slow platform holds only its
 * own lane; the main workers go on answering. Replies to API callers are returned, not delivered.
 */
@ApplicationScoped
public class ChatRunHandler implements RunHandler {
    public static final String KIND = "chat";
    static final StepId REPLY = StepId.of("reply");
    static final StepId DELIVER = StepId.of("deliver");
    private static final Logger LOG = Logger.getLogger(ChatRunHandler.class);
    private static final JsonNode NO_INPUT = JsonNodeFactory.instance.objectNode();

    static final String NOT_SET_UP = "Sorry, you are not set up for Errand. Ask your Errand administrator to add you.";

    private final Agent agent;
    private final Policies policies;
    private final Approvals approvals;
    private final SpendLedger spending;
    private final Duration approvalTtl;
    private final Map<ChatChannel, ChatAdapter> adapters = new EnumMap<>(ChatChannel.class);
    private final RetryPolicy deliveryRetry;
    private final Database database;

    @Inject
    public ChatRunHandler(Agent agent, Instance<ChatAdapter> adapters, ErrandConfig config, Database database,
            Policies policies, Approvals approvals, SpendLedger spending) {
        this.agent = agent;
        this.policies = policies;
        this.approvals = approvals;
        this.spending = spending;
        this.approvalTtl = config.approval().ttl();
        this.database = database;
        adapters.forEach(a -> this.adapters.put(a.channel(), a));
        ErrandConfig.Delivery delivery = config.engine().delivery();
        this.deliveryRetry = new RetryPolicy(delivery.maxAttempts(), delivery.initialBackoff(), 2.0,
                delivery.maxBackoff());
    }

    /** The run's input: who asked what, where. */
    record Request(ChatChannel channel, String tenant, String user, String text,
            Optional<ChatMessages.ReplyAddress> replyAddress) {
        static Request of(JsonNode input) {
            // runs stored before the input carried the reply address read it from their message when delivering
            Optional<ChatMessages.ReplyAddress> address = input.hasNonNull("replyTo")
                    ? Optional.of(new ChatMessages.ReplyAddress(input.get("replyTo").asText(),
                            input.hasNonNull("replyToExpiresAt") ? Instant.parse(input.get("replyToExpiresAt").asText())
                                    : null))
                    : Optional.empty();
            return new Request(ChatChannel.valueOf(input.get("channel").asText()), input.get("tenant").asText(),
                    input.get("user").asText(), input.get("text").asText(), address);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public RunResult run(RunExecution run) {
        Request request = Request.of(run.input());
        if (request.channel() == ChatChannel.API) {
            // the caller waits for the reply: it is the run's output, committed with the run's end
            Answer answer = answer(run, request);
            return new RunResult.Completed(answer.json(),
                    c -> ChatMessages.storeReply(c, run.runId(), answer.reply(), answer.tokens()));
        }
        StepOutcome answered = run.step(REPLY, "reply", NO_INPUT, RetryPolicy.NONE,
                () -> new StepOutcome.Succeeded(answer(run, request).json()),
                (c, outcome) -> {
                    Answer answer = Answer.of(((StepOutcome.Succeeded) outcome).value());
                    ChatMessages.storeReply(c, run.runId(), answer.reply(), answer.tokens());
                });
        Answer answer = Answer.of(((StepOutcome.Succeeded) answered).value());
        run.continueIn("deliver-" + request.channel().name().toLowerCase(Locale.ROOT));
        StepOutcome delivered = run.step(DELIVER, "deliver", NO_INPUT, deliveryRetry,
                () -> deliver(run, request, answer.reply(), DELIVER),
                (c, outcome) -> {
                    if (outcome instanceof StepOutcome.Failed failed) {
                        ChatMessages.delivery(c, run.runId(), ChatMessages.Delivery.FAILED, failed.message(), run.now());
                    } else {
                        ChatMessages.delivery(c, run.runId(), ChatMessages.Delivery.DELIVERED, null, run.now());
                    }
                });
        if (delivered instanceof StepOutcome.Failed failed) {
            LOG.warnf("reply of run %s not delivered: %s", run.runId(), failed.message());
            return new RunResult.Failed("reply not delivered: " + failed.message(), answer.json(),
                    TransactionHook.NONE);
        }
        return new RunResult.Completed(answer.json(), TransactionHook.NONE);
    }

    private Answer answer(RunExecution run, Request request) {
        // who asks is decided by the policy in force when the run starts (or resumes), never by the message
        Optional<Principal> principal = policies.principal(request.tenant(), request.user());
        if (principal.isEmpty()) {
            return new Answer(new Reply.Text(NOT_SET_UP), 0, null);
        }
        RunContext context = new RunContext(run.runId(), principal.get(), run,
                new EngineApprovalGate(run, approvals, approvalTtl, (id, approval) -> tellWaiting(run, request, id, approval)),
                spending, run::now, () -> budgetExhausted(request.tenant(), run.now()));
        Reply reply;
        String error = null;
        try {
            reply = agent.handle(request.text(), context);
        } catch (RunSuspended | LeaseLostException | StepConflictException | Database.DatabaseException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf("run %s failed: %s", run.runId(), e.getClass().getSimpleName());
            LOG.debug("run failure", e);
            error = e.getClass().getSimpleName();
            reply = new Reply.Text("Something went wrong while handling your request; it has been logged.");
        }
        return new Answer(reply, context.tokens(), error);
    }

    /** Tells a chat requester, once, that their request waits for approval; API callers see it in the run. */
    private void tellWaiting(RunExecution run, Request request, StepId id, Approval approval) {
        if (request.channel() == ChatChannel.API) {
            return;
        }
        Reply notice = new Reply.Markdown("Waiting for approval", "Your request needs approval: " + approval.reason()
                + "\n\n" + approval.tool() + " of " + approval.amount() + " waits for a decision by "
                + String.join(" or ", approval.approverRoles().stream().sorted().toList()) + " (approval `" + approval.id()
                + "`, expires " + approval.expiresAt() + "). I will answer here once it is decided.");
        StepOutcome told = run.step(id, "notice", NO_INPUT, deliveryRetry, () -> deliver(run, request, notice, id));
        if (told instanceof StepOutcome.Failed failed) {
            LOG.warnf("approval notice of run %s not delivered: %s", run.runId(), failed.message());
        }
    }

    private Optional<String> budgetExhausted(String tenant, Instant now) {
        Optional<Long> budget = policies.tokenBudgetPerMonth(tenant);
        if (budget.isEmpty()) {
            return Optional.empty();
        }
        Instant monthStart = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        long used = database.transaction(c -> ChatMessages.tokensSince(c, tenant, monthStart));
        return used >= budget.get() ? Optional.of("Your company's monthly model budget (" + budget.get()
                + " tokens) is used up.") : Optional.empty();
    }

    private StepOutcome deliver(RunExecution run, Request request, Reply reply, StepId step) {
        ChatChannel channel = request.channel();
        ChatAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            return new StepOutcome.Failed("no_adapter", false, "no adapter delivers to " + channel);
        }
        Optional<ChatMessages.ReplyAddress> address = request.replyAddress().isPresent() ? request.replyAddress()
                : database.transaction(c -> ChatMessages.replyAddress(c, run.runId()));
        if (address.isEmpty()) {
            return new StepOutcome.Failed("no_address", false, "the message has no reply address");
        }
        if (address.get().expiresAt() != null && run.now().isAfter(address.get().expiresAt())) {
            return new StepOutcome.Failed("expired", false, "the reply address expired at " + address.get().expiresAt());
        }
        try {
            adapter.deliver(address.get().replyTo(), reply, ToolContext.idempotencyKey(run.runId(), step.value()));
            return new StepOutcome.Succeeded(NO_INPUT);
        } catch (TransientReplyDeliveryException e) {
            return new StepOutcome.Failed("unavailable", true, e.getMessage());
        } catch (ReplyDeliveryException e) {
            return new StepOutcome.Failed("refused", false, e.getMessage());
        }
    }

    /** The reply with what it cost; stored as the {@code reply} step's result and the run's output. */
    record Answer(Reply reply, long tokens, String error) {
        JsonNode json() {
            ObjectNode json = JsonNodeFactory.instance.objectNode()
                    .put("format", reply instanceof Reply.Markdown ? "markdown" : "text")
                    .put("title", reply instanceof Reply.Markdown md ? md.title() : null)
                    .put("text", reply.text())
                    .put("tokens", tokens);
            if (error != null) {
                json.put("error", error);
            }
            return json;
        }

        static Answer of(JsonNode json) {
            String text = json.get("text").asText();
            Reply reply = "markdown".equals(json.path("format").asText())
                    ? new Reply.Markdown(json.path("title").asText(), text) : new Reply.Text(text);
            return new Answer(reply, json.path("tokens").asLong(), json.hasNonNull("error") ? json.get("error").asText()
                    : null);
        }
    }
}
