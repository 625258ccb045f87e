package dev.errand.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.agent.approval.ApprovalDecision;
import dev.errand.agent.approval.ApprovalRequest;
import dev.errand.agent.execution.ToolCall;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.agent.journal.StepId;
import dev.errand.agent.journal.StepOutcome;
import dev.errand.agent.policy.PlanDecision;
import dev.errand.agent.policy.PlannedCall;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.policy.SpentToday;
import dev.errand.agent.run.RunContext;
import dev.errand.money.Money;
import dev.errand.tools.AgentTool;
import dev.errand.tools.RetryPolicy;
import dev.errand.tools.Risk;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one plan for one employee: checks every step against its tool, lets policy judge the whole plan
 * (recorded with the plan as step {@code <prefix>plan}), waits for the approvals it needs, then runs the
 * steps in dependency order through the {@link ToolExecutor}, each as journal step {@code <prefix><id>}.
 * Nothing runs unless the whole plan is allowed or approved. A replayed run replays the recorded plan,
 * decision and results, so it makes the same calls with the same idempotency keys.
 */
public final class PlanRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ToolExecutor executor;
    private final PolicyEngine policy;

    public PlanRunner(ToolExecutor executor, PolicyEngine policy) {
        this.executor = executor;
        this.policy = policy;
    }

    /**
     * Runs {@code plan}; {@code prefix} keeps the journal ids of this plan apart from the run's other
     * plans ({@code ""} for the first, {@code p2.} for a revised one).
     */
    public PlanOutcome run(Plan plan, String prefix, RunContext run) {
        List<PlannedCall> calls = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            Optional<String> problem = precheck(step, calls);
            if (problem.isPresent()) {
                return new PlanOutcome.Invalid(step.id(), problem.get());
            }
        }
        PlanDecision decision = judge(plan, calls, prefix, run);
        if (decision instanceof PlanDecision.Denied denied) {
            return new PlanOutcome.Denied(denied.rule(), denied.reason());
        }
        List<ApprovalDecision> approvals = new ArrayList<>();
        if (decision instanceof PlanDecision.NeedsApproval needs) {
            int number = 0;
            for (PlanDecision.Gate gate : needs.gates()) {
                ApprovalRequest request = request(gate, plan, run);
                ApprovalDecision answer = run.approvals().await(StepId.of(prefix + "approval" + (++number)), request);
                approvals.add(answer);
                if (!(answer instanceof ApprovalDecision.Approved)) {
                    releaseMoney(calls, prefix, run, Set.of());
                    return new PlanOutcome.NotApproved(request, answer);
                }
            }
        }
        return execute(plan, prefix, calls, approvals, run);
    }

    private Optional<String> precheck(PlanStep step, List<PlannedCall> calls) {
        boolean referencing = References.any(step.arguments());
        ToolExecutor.Check check = executor.check(new ToolCall(step.tool(), step.arguments()));
        if (check instanceof ToolExecutor.Check.Invalid invalid) {
            if (!referencing || invalid.reason().startsWith("unknown tool")) {
                return Optional.of(invalid.reason());
            }
            // arguments filled from earlier results are checked against the schema when the step runs
            Optional<AgentTool<?, ?>> tool = executor.tool(step.tool());
            if (tool.isEmpty()) {
                return Optional.of(invalid.reason());
            }
            if (tool.get().risk() == Risk.MOVES_MONEY) {
                return Optional.of(step.tool() + " moves money, so its arguments must be literal values that policy "
                        + "can judge before anything runs; look the values up first, then plan the refund");
            }
            calls.add(new PlannedCall(step.id(), step.tool(), Optional.empty()));
            return Optional.empty();
        }
        ToolExecutor.Check.Valid valid = (ToolExecutor.Check.Valid) check;
        if (valid.tool().risk() == Risk.MOVES_MONEY && referencing) {
            return Optional.of(step.tool() + " moves money, so its arguments must be literal values");
        }
        calls.add(new PlannedCall(step.id(), step.tool(), valid.money()));
        return Optional.empty();
    }

    /**
     * Policy's decision, recorded as step {@code <prefix>plan} whose input is the plan itself: the plan and
     * its verdict are stored with the run in one commit, and a replay with another plan is a mismatch.
     */
    private PlanDecision judge(Plan plan, List<PlannedCall> calls, String prefix, RunContext run) {
        ObjectNode input = NODES.objectNode();
        input.set("plan", plan.toJson());
        ArrayNode array = input.putArray("calls");
        for (PlannedCall call : calls) {
            ObjectNode c = array.addObject().put("step", call.stepId()).put("tool", call.tool());
            call.amount().ifPresent(m -> c.put("amount", m.amount().toPlainString())
                    .put("currency", m.currency().getCurrencyCode()));
        }
        StepOutcome recorded = run.journal().step(StepId.of(prefix + "plan"), "plan", input, RetryPolicy.NONE, () -> {
            LocalDate day = LocalDate.ofInstant(run.clock().instant(), run.principal().zone());
            // a plan that moves no money needs no day's totals, nor the employee's lock
            PlanDecision fresh = calls.stream().noneMatch(c -> c.amount().isPresent())
                    ? policy.evaluate(run.principal(), calls, SpentToday.NOTHING)
                    : run.spending().judge(run.principal(), day, run.runId(), prefix, calls,
                            spent -> policy.evaluate(run.principal(), calls, spent));
            return new StepOutcome.Succeeded(Decisions.toJson(fresh));
        });
        return Decisions.fromJson(((StepOutcome.Succeeded) recorded).value());
    }

    private static ApprovalRequest request(PlanDecision.Gate gate, Plan plan, RunContext run) {
        JsonNode arguments;
        if (gate.stepIds().size() == 1) {
            arguments = plan.step(gate.stepIds().get(0)).arguments();
        } else {
            ArrayNode all = NODES.arrayNode();
            gate.stepIds().forEach(id -> all.addObject().put("step", id).set("arguments", plan.step(id).arguments()));
            arguments = all;
        }
        return new ApprovalRequest(run.tenant(), run.employee(), gate.tool(), gate.stepIds(), arguments, gate.total(),
                gate.approverRoles(), gate.reason());
    }

    private PlanOutcome execute(Plan plan, String prefix, List<PlannedCall> calls, List<ApprovalDecision> approvals,
            RunContext run) {
        Map<String, ToolOutcome> outcomes = new LinkedHashMap<>();
        Map<String, JsonNode> results = new HashMap<>();
        Set<String> done = new HashSet<>();
        for (PlanStep step : order(plan)) {
            JsonNode arguments;
            try {
                arguments = References.resolve(step.arguments(), results);
            } catch (References.UnresolvedReferenceException e) {
                releaseMoney(calls, prefix, run, done);
                return new PlanOutcome.StepFailed(step.id(), step.tool(), e.getMessage(), outcomes, approvals);
            }
            ToolOutcome outcome = executor.execute(StepId.of(prefix + step.id()), new ToolCall(step.tool(), arguments), run);
            outcomes.put(step.id(), outcome);
            if (outcome instanceof ToolOutcome.Succeeded succeeded) {
                results.put(step.id(), succeeded.json());
                done.add(step.id());
                continue;
            }
            releaseMoney(calls, prefix, run, done);
            String message = outcome instanceof ToolOutcome.Failed failed ? failed.message()
                    : ((ToolOutcome.Rejected) outcome).reason();
            return new PlanOutcome.StepFailed(step.id(), step.tool(), message, outcomes, approvals);
        }
        return new PlanOutcome.Completed(outcomes, approvals);
    }

    /** The money steps that will not run (or did not succeed) no longer count towards the day. */
    private static void releaseMoney(List<PlannedCall> calls, String prefix, RunContext run, Set<String> succeeded) {
        for (PlannedCall call : calls) {
            if (call.amount().isPresent() && !succeeded.contains(call.stepId())) {
                run.spending().release(run.runId(), prefix + call.stepId());
            }
        }
    }

    /** The steps in an order that respects {@code after}, keeping the plan's order where it is free. */
    static List<PlanStep> order(Plan plan) {
        List<PlanStep> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < plan.steps().size()) {
            for (PlanStep step : plan.steps()) {
                if (!placed.contains(step.id()) && placed.containsAll(step.after())) {
                    ordered.add(step);
                    placed.add(step.id());
                    break;
                }
            }
        }
        return ordered;
    }

    /** Plan decisions as recorded in the journal. */
    static final class Decisions {
        private Decisions() {
        }

        static JsonNode toJson(PlanDecision decision) {
            ObjectNode json = NODES.objectNode();
            if (decision instanceof PlanDecision.Allowed) {
                return json.put("decision", "allowed");
            }
            if (decision instanceof PlanDecision.Denied denied) {
                return json.put("decision", "denied").put("rule", denied.rule()).put("reason", denied.reason());
            }
            PlanDecision.NeedsApproval needs = (PlanDecision.NeedsApproval) decision;
            json.put("decision", "approval");
            ArrayNode gates = json.putArray("gates");
            for (PlanDecision.Gate gate : needs.gates()) {
                ObjectNode g = gates.addObject().put("tool", gate.tool())
                        .put("amount", gate.total().amount().toPlainString())
                        .put("currency", gate.total().currency().getCurrencyCode()).put("reason", gate.reason());
                ArrayNode steps = g.putArray("steps");
                gate.stepIds().forEach(steps::add);
                ArrayNode approvers = g.putArray("approvers");
                gate.approverRoles().stream().sorted().forEach(approvers::add);
            }
            return json;
        }

        static PlanDecision fromJson(JsonNode json) {
            switch (json.path("decision").asText()) {
                case "allowed":
                    return new PlanDecision.Allowed();
                case "denied":
                    return new PlanDecision.Denied(json.path("rule").asText(), json.path("reason").asText());
                case "approval":
                    List<PlanDecision.Gate> gates = new ArrayList<>();
                    for (JsonNode g : json.path("gates")) {
                        List<String> steps = new ArrayList<>();
                        g.path("steps").forEach(s -> steps.add(s.asText()));
                        Set<String> approvers = new HashSet<>();
                        g.path("approvers").forEach(a -> approvers.add(a.asText()));
                        gates.add(new PlanDecision.Gate(g.path("tool").asText(), steps,
                                new Money(new java.math.BigDecimal(g.path("amount").asText()),
                                        Currency.getInstance(g.path("currency").asText())),
                                approvers, g.path("reason").asText()));
                    }
                    return new PlanDecision.NeedsApproval(gates);
                default:
                    throw new IllegalStateException("unknown recorded decision " + json);
            }
        }
    }
}
