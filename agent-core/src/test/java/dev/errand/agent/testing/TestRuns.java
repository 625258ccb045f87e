package dev.errand.agent.testing;

import dev.errand.agent.approval.ApprovalGate;
import dev.errand.agent.journal.StepJournal;
import dev.errand.agent.plan.SpendLedger;
import dev.errand.agent.policy.Limit;
import dev.errand.agent.policy.Principal;
import dev.errand.agent.policy.Role;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.run.TokenBudget;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Employees, roles and runs for agent tests. */
public final class TestRuns {
    /** Reads orders and payments. */
    public static final Role READER = role("reader", "get_order", "get_payment");
    /** Refunds up to 500.00 CNY alone, up to 5000.00 with finance's approval, 20000.00 a day. */
    public static final Role SUPPORT = new Role("support", Set.of("get_order", "get_payment", "refund_payment"),
            List.of(new Limit("refund_payment", Currency.getInstance("CNY"), Optional.of(new BigDecimal("500.00")),
                    Optional.of(new BigDecimal("5000.00")), Set.of("finance"), Optional.of(new BigDecimal("20000.00")))),
            false);

    private TestRuns() {
    }

    public static Role role(String name, String... tools) {
        return new Role(name, Set.of(tools), List.of(), false);
    }

    public static Principal employee(String tenant, String id, Role... roles) {
        return new Principal(tenant, id, List.of(roles), Set.of(), ZoneOffset.UTC);
    }

    /** alice of acme, who may use every tool named (unlimited). */
    public static Principal alice(String... tools) {
        return employee("acme", "alice", role("everything", tools));
    }

    public static RunContext run(Principal who, StepJournal journal) {
        return new RunContext(UUID.randomUUID(), who, journal, ApprovalGate.UNAVAILABLE, SpendLedger.NONE,
                InstantSource.system(), TokenBudget.UNLIMITED);
    }

    public static RunContext run(Principal who, StepJournal journal, ApprovalGate gate, SpendLedger ledger) {
        return new RunContext(UUID.randomUUID(), who, journal, gate, ledger, InstantSource.system(),
                TokenBudget.UNLIMITED);
    }
}
