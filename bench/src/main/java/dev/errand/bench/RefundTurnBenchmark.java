package dev.errand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.errand.agent.Agent;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.policy.Limit;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.Role;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.run.TokenBudget;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.payments.RefundPaymentTool;
import dev.errand.workflows.approval.Approvals;
import dev.errand.workflows.approval.EngineApprovalGate;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.EngineSettings;
import dev.errand.workflows.engine.NewRun;
import dev.errand.workflows.engine.RunEnd;
import dev.errand.workflows.engine.RunExecution;
import dev.errand.workflows.engine.RunHandler;
import dev.errand.workflows.engine.RunResult;
import dev.errand.workflows.engine.RunStatus;
import dev.errand.workflows.engine.StepRecord;
import dev.errand.workflows.engine.TransactionHook;
import dev.errand.workflows.spending.JdbcSpendLedger;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An agent turn with one refund step on a stub model that answers after 20 ms per call
 * ({@link RefundStubChatModel}): {@link #errandRefundTurn} runs it as a durable run of a real
 * {@link Engine} on PostgreSQL (plan, policy, journal, spend ledger, executor), {@link #bareRefundTurn}
 * through a plain LangChain4j AI service with the same tool on the same stub. Compare their ratio.
 *
 * <p>{@code synchronousCommit} is PostgreSQL's setting on the engine's connections: {@code on} is the
 * server's default (each commit waits for its WAL flush, as in production), {@code off} is what the
 * engine's own tests use. After each trial of {@link #errandRefundTurn} the commits of a turn are counted
 * over {@code -Dbench.commitTurns} (default 200) more turns outside the measurement and printed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RefundTurnBenchmark {
    static final String QUESTION = "order 8815: one of the two items arrived broken, refund 100.00 CNY";
    static final String KIND = "bench-refund-turn";
    static final String VERIFY_KIND = "bench-refund-turn-verify";
    static final String PREWARM_KIND = "bench-refund-turn-prewarm";

    /**
     * Turns each side runs in its setup on a stub that answers at once, before JMH's warm-up: with 20 ms model
     * calls a 2 s warm-up iteration is only ~45 turns, too few for the JIT, and the side with more code stays
     * colder for longer (measured: the in-memory Errand turn needed ~300 turns to settle).
     */
    static final int PREWARM_TURNS = Integer.getInteger("bench.prewarmTurns", 500);

    /**
     * support of acme: looks up and refunds. Policy sums a day's refunds, and a run makes thousands of 100.00 refunds
     * in one day, so no limit may be reachable: every turn must run at once, never wait for an approval.
     */
    static final Principal PRINCIPAL = new Principal("acme", "u1", List.of(new Role("support",
            Set.of("get_order", "get_payment", "refund_payment"),
            List.of(new Limit("refund_payment", Currency.getInstance("CNY"),
                    Optional.of(new BigDecimal("1000000000.00")), Optional.of(new BigDecimal("1000000000.00")),
                    Set.of("finance"),
                    Optional.of(new BigDecimal("1000000000.00")))),
            false)), Set.of(), ZoneOffset.UTC);

    /** The baseline's AI service, with Errand's system prompt. */
    public interface RefundAssistant {
        @dev.langchain4j.service.SystemMessage(AgentTurnBenchmark.SYSTEM_PROMPT)
        String chat(String question);
    }

    /**
     * The baseline's one tool: the same connector call as Errand's refund_payment. A bare service has no
     * step to derive an idempotency key from, so it makes a random one per call.
     */
    public static final class PaymentTools {
        private final PaymentsConnector payments;

        public PaymentTools(PaymentsConnector payments) {
            this.payments = payments;
        }

        @Tool(name = "refund_payment", value = "Refund (part of) the payment of a shop order to the customer.")
        public String refundPayment(@P(name = "orderId", value = "The shop's order id, e.g. 8812") String orderId,
                @P(name = "amount", value = "The amount to refund as a decimal string, e.g. \"120.00\"") String amount,
                @P(name = "currency", value = "ISO 4217 currency code of the amount, e.g. CNY") String currency,
                @P(name = "reason", value = "Why the customer is refunded") String reason) {
            Refund refund = payments.refund(new RefundRequest(OrderId.of(orderId), Money.of(amount, currency), reason,
                    UUID.randomUUID().toString()));
            return refund.toString();
        }
    }

    static Agent agent(ChatModel model, PaymentsConnector payments) {
        ToolCatalog catalog = new ToolCatalog(List.of(new RefundPaymentTool(payments)));
        return new Agent(catalog, new ToolExecutor(catalog), new PolicyEngine(), Optional.of(model),
                AgentTurnBenchmark.LIMITS);
    }

    static RefundAssistant assistant(ChatModel model, PaymentsConnector payments) {
        return AiServices.builder(RefundAssistant.class).chatModel(model).tools(new PaymentTools(payments)).build();
    }

    /** The baseline: built once per trial, like the Errand side. */
    @State(Scope.Benchmark)
    public static class Bare {
        RefundAssistant assistant;

        @Setup(Level.Trial)
        public void setUp() {
            assistant = assistant(new RefundStubChatModel(), new BenchPayments());
            RefundAssistant prewarm = assistant(new RefundStubChatModel(0), new BenchPayments());
            for (int i = 0; i < PREWARM_TURNS; i++) {
                prewarm.chat(QUESTION);
            }
            RecordingModel model = new RecordingModel(new RefundStubChatModel());
            BenchPayments payments = new BenchPayments();
            String answer = assistant(model, payments).chat(QUESTION);
            check(RefundStubChatModel.FINAL_ANSWER.equals(answer), "bareRefundTurn replied " + answer);
            checkTwoCallsWithRefund(model, payments, "bareRefundTurn");
        }
    }

    /**
     * The same Errand agent with the in-memory journal and no spend ledger ({@code new RunContext(id,
     * principal)}), to tell the database's share of {@link #errandRefundTurn} from the agent's.
     */
    @State(Scope.Benchmark)
    public static class InMemory {
        Agent agent;

        @Setup(Level.Trial)
        public void setUp() {
            agent = agent(new RefundStubChatModel(), new BenchPayments());
            Agent prewarm = agent(new RefundStubChatModel(0), new BenchPayments());
            for (int i = 0; i < PREWARM_TURNS; i++) {
                prewarm.handle(QUESTION, new RunContext(UUID.randomUUID(), PRINCIPAL));
            }
            RecordingModel model = new RecordingModel(new RefundStubChatModel());
            BenchPayments payments = new BenchPayments();
            Reply reply = agent(model, payments).handle(QUESTION, new RunContext(UUID.randomUUID(), PRINCIPAL));
            check(reply.text().equals(DemoNotice.append(RefundStubChatModel.FINAL_ANSWER)),
                    "errandRefundTurnInMemory replied " + reply);
            checkTwoCallsWithRefund(model, payments, "errandRefundTurnInMemory");
        }
    }

    /** Runs the agent turn of a run; what the application's chat handler does for an API request. */
    static final class TurnHandler implements RunHandler {
        private final String kind;
        private final Agent agent;
        private final Supplier<Approvals> approvals;
        private final JdbcSpendLedger spending;

        TurnHandler(String kind, Agent agent, Supplier<Approvals> approvals, JdbcSpendLedger spending) {
            this.kind = kind;
            this.agent = agent;
            this.approvals = approvals;
            this.spending = spending;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public RunResult run(RunExecution run) {
            RunContext context = new RunContext(run.runId(), PRINCIPAL, run,
                    new EngineApprovalGate(run, approvals.get(), Duration.ofHours(1), EngineApprovalGate.Requested.NOTHING),
                    spending, run::now, TokenBudget.UNLIMITED);
            Reply reply = agent.handle(run.input().get("text").asText(), context);
            return new RunResult.Completed(JsonNodeFactory.instance.objectNode().put("reply", reply.text()),
                    TransactionHook.NONE);
        }
    }

    /** Errand: a real engine on a fresh PostgreSQL schema; the engine's workers are not started (runs go inline). */
    @State(Scope.Benchmark)
    public static class Durable {
        @Param({"on", "off"})
        public String synchronousCommit;

        BenchPostgres postgres;
        Engine engine;
        Database database;
        final JsonNode input = JsonNodeFactory.instance.objectNode().put("text", QUESTION);

        @Setup(Level.Trial)
        public void setUp() {
            postgres = new BenchPostgres(synchronousCommit, 4);
            database = new Database(postgres.pool);
            Clock clock = Clock.systemUTC();
            JdbcSpendLedger spending = new JdbcSpendLedger(database, clock);
            // the Approvals need the engine, which needs the handlers: they get them once both exist
            Approvals[] approvals = new Approvals[1];
            RecordingModel model = new RecordingModel(new RefundStubChatModel());
            BenchPayments verifyPayments = new BenchPayments();
            List<RunHandler> handlers = List.of(
                    new TurnHandler(KIND, agent(new RefundStubChatModel(), new BenchPayments()), () -> approvals[0],
                            spending),
                    new TurnHandler(VERIFY_KIND, agent(model, verifyPayments), () -> approvals[0], spending),
                    new TurnHandler(PREWARM_KIND, agent(new RefundStubChatModel(0), new BenchPayments()),
                            () -> approvals[0], spending));
            engine = new Engine(database, new EngineSettings("bench-node", 2, 1, Duration.ofSeconds(60),
                    Duration.ofSeconds(1), 16), clock, handlers);
            approvals[0] = new Approvals(database, engine);
            for (int i = 0; i < PREWARM_TURNS; i++) {
                turn(PREWARM_KIND);
            }
            verify(model, verifyPayments);
        }

        RunEnd turn(String kind) {
            UUID id = UUID.randomUUID();
            NewRun run = new NewRun(id, kind, id.toString(), input);
            database.transaction(c -> {
                engine.enqueueClaimed(c, run);
                return null;
            });
            RunEnd end = engine.runClaimed(run).join();
            if (end.status() != RunStatus.SUCCEEDED) {
                throw new IllegalStateException("run " + id + " ended " + end.status() + ": " + end.error());
            }
            return end;
        }

        private void verify(RecordingModel model, BenchPayments payments) {
            RunEnd end = turn(VERIFY_KIND);
            String reply = end.output().get("reply").asText();
            check(reply.equals(DemoNotice.append(RefundStubChatModel.FINAL_ANSWER)), "errandRefundTurn replied " + reply);
            checkTwoCallsWithRefund(model, payments, "errandRefundTurn");
            List<String> steps = engine.steps(end.runId()).stream().map(StepRecord::stepId).sorted().toList();
            check(steps.equals(List.of("m1", "m2", "plan", "s1")), "errandRefundTurn journaled steps " + steps);
            long reserved = database.transaction(c -> {
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM spend WHERE run_id = ? AND NOT released")) {
                    s.setObject(1, end.runId());
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            check(reserved == 1, "errandRefundTurn reserved " + reserved + " spend rows, not 1");
        }

        /**
         * Commits per turn, outside the measurement: the pool's own count of commit() calls (exact, this
         * process only) and the change of pg_stat_database.xact_commit of database test (every client of
         * the database, so other builds on the machine inflate it), next to that change over a quiet
         * interval as long, with no turns.
         */
        @TearDown(Level.Trial)
        public void countCommits() throws InterruptedException {
            int turns = Integer.getInteger("bench.commitTurns", 200);
            postgres.pool.closeIdle();
            Thread.sleep(1000);
            long started = System.nanoTime();
            long client = postgres.pool.commits();
            long before = BenchPostgres.serverCommits();
            for (int i = 0; i < turns; i++) {
                turn(KIND);
            }
            long clientCommits = postgres.pool.commits() - client;
            long elapsed = System.nanoTime() - started;
            postgres.pool.closeIdle();
            Thread.sleep(1000);
            long after = BenchPostgres.serverCommits();
            // the same length of time with no turns, for what the rest of the machine commits meanwhile
            long quietBefore = BenchPostgres.serverCommits();
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(elapsed) + 1000);
            long quietAfter = BenchPostgres.serverCommits();
            System.out.printf("%n[commits] synchronous_commit=%s, %d turns in %.1f s: %.2f commits per turn counted "
                            + "by the pool; pg_stat_database xact_commit(test) +%d = %.2f per turn, while an equal quiet "
                            + "interval with no turns saw +%d (%.2f per turn-time)%n", synchronousCommit, turns,
                    elapsed / 1e9, (double) clientCommits / turns, after - before, (double) (after - before) / turns,
                    quietAfter - quietBefore, (double) (quietAfter - quietBefore) / turns);
            System.out.printf("[commits] bench=errandRefundTurn synchronousCommit=%s turns=%d poolCommitsPerTurn=%.3f "
                            + "serverDeltaPerTurn=%.3f quietDeltaPerTurn=%.3f%n", synchronousCommit, turns,
                    (double) clientCommits / turns, (double) (after - before) / turns,
                    (double) (quietAfter - quietBefore) / turns);
            postgres.close();
        }
    }

    @Benchmark
    public RunEnd errandRefundTurn(Durable errand) {
        return errand.turn(KIND);
    }

    @Benchmark
    public Reply errandRefundTurnInMemory(InMemory errand) {
        return errand.agent.handle(QUESTION, new RunContext(UUID.randomUUID(), PRINCIPAL));
    }

    @Benchmark
    public String bareRefundTurn(Bare bare) {
        return bare.assistant.chat(QUESTION);
    }

    private static void checkTwoCallsWithRefund(RecordingModel model, BenchPayments payments, String benchmark) {
        check(model.requests.size() == 2, benchmark + " made " + model.requests.size() + " model calls, not 2");
        List<ChatMessage> second = model.requests.get(1).messages();
        check(second.get(second.size() - 1) instanceof ToolExecutionResultMessage result
                && result.toolName().equals(RefundStubChatModel.TOOL) && result.text().contains("100.00"),
                benchmark + " did not send the refund back to the model: " + second.get(second.size() - 1));
        check(payments.refunds() == 1, benchmark + " made " + payments.refunds() + " refunds, not 1");
    }

    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** Records what a model is asked (copies the messages, as callers keep appending to their list). */
    static final class RecordingModel implements ChatModel {
        private final ChatModel delegate;
        final List<ChatRequest> requests = new ArrayList<>();

        RecordingModel(ChatModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(ChatRequest.builder().messages(List.copyOf(request.messages()))
                    .toolSpecifications(request.toolSpecifications()).build());
            return delegate.chat(request);
        }
    }
}
