package dev.errand.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.money.Money;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Limit SUPPORT_CNY = new Limit("refund_payment", CNY, Optional.of(new BigDecimal("500.00")),
            Optional.of(new BigDecimal("5000.00")), Set.of("finance"), Optional.of(new BigDecimal("20000.00")));
    private static final Role SUPPORT = new Role("support", Set.of("get_order", "refund_payment"),
            List.of(SUPPORT_CNY), false);
    private static final Role FINANCE = new Role("finance", Set.of("get_order", "refund_payment"), List.of(), false);
    private static final Role VIEWER = new Role("viewer", Set.of("get_order"), List.of(), false);

    private final PolicyEngine engine = new PolicyEngine();

    private static Principal employee(Role... roles) {
        return new Principal("acme", "li.lei", List.of(roles), Set.of(), ZoneOffset.UTC);
    }

    private static PlannedCall refund(String step, String amount) {
        return new PlannedCall(step, "refund_payment", Optional.of(Money.of(amount, "CNY")));
    }

    @Test
    void should_allow_a_lookup_and_a_refund_within_the_limit() {
        var decision = engine.evaluate(employee(SUPPORT),
                List.of(new PlannedCall("s1", "get_order", Optional.empty()), refund("s2", "120.00")),
                SpentToday.NOTHING);
        assertThat(decision).isInstanceOf(PlanDecision.Allowed.class);
    }

    @Test
    void should_deny_a_tool_none_of_the_roles_allows() {
        var decision = engine.evaluate(employee(VIEWER), List.of(refund("s1", "1.00")), SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.Denied.class, d -> {
            assertThat(d.rule()).isEqualTo("role.tools");
            assertThat(d.reason()).contains("refund_payment").contains("viewer");
        });
    }

    @Test
    void should_allow_exactly_the_limit_without_approval() {
        var decision = engine.evaluate(employee(SUPPORT), List.of(refund("s1", "500.00")), SpentToday.NOTHING);
        assertThat(decision).isInstanceOf(PlanDecision.Allowed.class);
    }

    @Test
    void should_ask_approval_one_cent_above_the_limit() {
        var decision = engine.evaluate(employee(SUPPORT), List.of(refund("s1", "500.01")), SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.NeedsApproval.class, n -> {
            assertThat(n.gates()).singleElement().satisfies(g -> {
                assertThat(g.tool()).isEqualTo("refund_payment");
                assertThat(g.stepIds()).containsExactly("s1");
                assertThat(g.total()).isEqualTo(Money.of("500.01", "CNY"));
                assertThat(g.approverRoles()).containsExactly("finance");
                assertThat(g.reason()).contains("500.01 CNY").contains("500.00 CNY");
            });
        });
    }

    @Test
    void should_allow_exactly_with_approval_and_deny_above_it() {
        assertThat(engine.evaluate(employee(SUPPORT), List.of(refund("s1", "5000.00")), SpentToday.NOTHING))
                .isInstanceOf(PlanDecision.NeedsApproval.class);
        assertThat(engine.evaluate(employee(SUPPORT), List.of(refund("s1", "5000.01")), SpentToday.NOTHING))
                .isInstanceOfSatisfying(PlanDecision.Denied.class, d -> {
                    assertThat(d.rule()).isEqualTo("limit.with_approval");
                    assertThat(d.reason()).contains("5000.01 CNY").contains("5000.00 CNY");
                });
    }

    @Test
    void should_judge_ten_small_refunds_like_one_big_one() {
        List<PlannedCall> plan = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            plan.add(refund("s" + i, "60.00"));
        }
        var decision = engine.evaluate(employee(SUPPORT), plan, SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.NeedsApproval.class, n -> {
            assertThat(n.gates()).singleElement().satisfies(g -> {
                assertThat(g.stepIds()).hasSize(10);
                assertThat(g.total()).isEqualTo(Money.of("600.00", "CNY"));
                assertThat(g.reason()).contains("10 refund_payment steps total 600.00 CNY");
            });
        });
        List<PlannedCall> big = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            big.add(refund("s" + i, "600.00"));
        }
        assertThat(engine.evaluate(employee(SUPPORT), big, SpentToday.NOTHING))
                .isInstanceOfSatisfying(PlanDecision.Denied.class,
                        d -> assertThat(d.rule()).isEqualTo("limit.with_approval"));
    }

    @Test
    void should_count_what_was_moved_today_across_plans() {
        SpentToday spent = (tool, currency) -> tool.equals("refund_payment") && currency.equals(CNY)
                ? new BigDecimal("450.00") : BigDecimal.ZERO;
        var needs = engine.evaluate(employee(SUPPORT), List.of(refund("s1", "100.00")), spent);
        assertThat(needs).isInstanceOfSatisfying(PlanDecision.NeedsApproval.class, n -> assertThat(
                n.gates().get(0).reason()).contains("450.00 CNY already moved").contains("550.00 CNY"));

        SpentToday almostAll = (tool, currency) -> new BigDecimal("19900.00");
        var denied = engine.evaluate(employee(SUPPORT), List.of(refund("s1", "100.01")), almostAll);
        assertThat(denied).isInstanceOfSatisfying(PlanDecision.Denied.class, d -> {
            assertThat(d.rule()).isEqualTo("limit.daily_total");
            assertThat(d.reason()).contains("19900.00 CNY").contains("20000.01 CNY").contains("20000.00 CNY");
        });
        // exactly at the daily total still passes (with approval, being above 500)
        assertThat(engine.evaluate(employee(SUPPORT), List.of(refund("s1", "100.00")), almostAll))
                .isInstanceOf(PlanDecision.NeedsApproval.class);
    }

    @Test
    void should_take_the_most_permissive_of_several_roles() {
        var decision = engine.evaluate(employee(SUPPORT, FINANCE), List.of(refund("s1", "9000.00")),
                SpentToday.NOTHING);
        assertThat(decision).isInstanceOf(PlanDecision.Allowed.class);

        Limit higher = new Limit("refund_payment", CNY, Optional.of(new BigDecimal("2000.00")), Optional.empty(),
                Set.of("cfo"), Optional.empty());
        Role lead = new Role("lead", Set.of("refund_payment"), List.of(higher), false);
        assertThat(engine.evaluate(employee(SUPPORT, lead), List.of(refund("s1", "1500.00")), SpentToday.NOTHING))
                .isInstanceOf(PlanDecision.Allowed.class);
        assertThat(engine.evaluate(employee(SUPPORT, lead), List.of(refund("s1", "6000.00")), SpentToday.NOTHING))
                .isInstanceOfSatisfying(PlanDecision.NeedsApproval.class,
                        n -> assertThat(n.gates().get(0).approverRoles()).containsExactly("cfo"));
    }

    @Test
    void should_deny_a_currency_the_limits_do_not_name() {
        var decision = engine.evaluate(employee(SUPPORT),
                List.of(new PlannedCall("s1", "refund_payment", Optional.of(Money.of("1.00", "USD")))),
                SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.Denied.class, d -> {
            assertThat(d.rule()).isEqualTo("limit.currency");
            assertThat(d.reason()).contains("USD");
        });
    }

    @Test
    void should_group_by_currency() {
        Limit usd = new Limit("refund_payment", Currency.getInstance("USD"), Optional.of(new BigDecimal("50.00")),
                Optional.of(new BigDecimal("100.00")), Set.of("finance"), Optional.empty());
        Role both = new Role("support", Set.of("refund_payment"), List.of(SUPPORT_CNY, usd), false);
        var decision = engine.evaluate(employee(both), List.of(refund("s1", "400.00"),
                new PlannedCall("s2", "refund_payment", Optional.of(Money.of("60.00", "USD")))), SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.NeedsApproval.class, n -> {
            assertThat(n.gates()).singleElement().satisfies(g -> {
                assertThat(g.stepIds()).containsExactly("s2");
                assertThat(g.total()).isEqualTo(Money.of("60.00", "USD"));
            });
        });
    }

    @Test
    void should_deny_a_limited_tool_without_an_amount() {
        var decision = engine.evaluate(employee(SUPPORT),
                List.of(new PlannedCall("s1", "refund_payment", Optional.empty())), SpentToday.NOTHING);
        assertThat(decision).isInstanceOfSatisfying(PlanDecision.Denied.class,
                d -> assertThat(d.rule()).isEqualTo("limit.amount"));
    }

    @Test
    void should_deny_the_whole_plan_when_one_group_is_denied() {
        var decision = engine.evaluate(employee(SUPPORT), List.of(refund("s1", "600.00"),
                new PlannedCall("s2", "refund_payment", Optional.of(Money.of("1.00", "EUR")))), SpentToday.NOTHING);
        assertThat(decision).isInstanceOf(PlanDecision.Denied.class);
    }
}
