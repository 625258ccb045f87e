package dev.errand.agent.policy;

import dev.errand.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a whole plan for the requesting employee: each tool must be allowed by one of their roles;
 * amounts are summed per tool and currency over the plan and added to what they moved today, then
 * compared with the role's limits. Pure: no clock, no storage.
 *
 * <p>Per (tool, currency): a role that allows the tool and sets no limit on it is unrestricted for it; a role that
 * sets limits on the tool but none in that currency does not allow that currency; of several roles the most
 * permissive verdict counts. Against one limit: the plan's total above {@code with_approval} is denied
 * ({@code limit.with_approval}); today's total with the plan above {@code daily_total} is denied
 * ({@code limit.daily_total}); the plan's total, or today's total with it, above {@code without_approval} needs
 * approval by one of the limit's approver roles. A plan with one denied group is denied as a whole.
 */
public final class PolicyEngine {

    public PlanDecision evaluate(Principal who, List<PlannedCall> plan, SpentToday spent) {
        for (PlannedCall call : plan) {
            if (!who.mayUse(call.tool())) {
                return new PlanDecision.Denied("role.tools", "None of your roles (" + roleNames(who)
                        + ") may use " + call.tool() + ".");
            }
        }
        Map<Group, List<PlannedCall>> groups = new LinkedHashMap<>();
        for (PlannedCall call : plan) {
            if (call.amount().isPresent()) {
                groups.computeIfAbsent(new Group(call.tool(), call.amount().get().currency()), g -> new ArrayList<>())
                        .add(call);
            } else if (limitedEverywhere(who, call.tool())) {
                return new PlanDecision.Denied("limit.amount", "Step " + call.stepId() + " (" + call.tool()
                        + ") names no amount, so it cannot be checked against your limits.");
            }
        }
        List<PlanDecision.Gate> gates = new ArrayList<>();
        for (Map.Entry<Group, List<PlannedCall>> entry : groups.entrySet()) {
            Group group = entry.getKey();
            Money total = Money.zero(group.currency());
            for (PlannedCall call : entry.getValue()) {
                Money amount = call.amount().get();
                if (amount.amount().signum() <= 0) {
                    return new PlanDecision.Denied("limit.amount", "Step " + call.stepId() + " (" + call.tool()
                            + ") moves " + amount + "; amounts must be greater than zero.");
                }
                total = total.plus(amount);
            }
            BigDecimal today = spent.amount(group.tool(), group.currency());
            PlanDecision verdict = judge(who, group, total, today == null ? BigDecimal.ZERO : today,
                    entry.getValue().stream().map(PlannedCall::stepId).toList());
            if (verdict instanceof PlanDecision.Denied) {
                return verdict;
            }
            if (verdict instanceof PlanDecision.NeedsApproval needs) {
                gates.addAll(needs.gates());
            }
        }
        return gates.isEmpty() ? new PlanDecision.Allowed() : new PlanDecision.NeedsApproval(gates);
    }

    private record Group(String tool, Currency currency) {
    }

    /** The most permissive verdict among the roles that allow the tool. */
    private static PlanDecision judge(Principal who, Group group, Money total, BigDecimal today, List<String> steps) {
        List<Limit> limits = new ArrayList<>();
        boolean limitedInOtherCurrencies = false;
        for (Role role : who.roles()) {
            if (!role.tools().contains(group.tool())) {
                continue;
            }
            List<Limit> onTool = role.limits().stream().filter(l -> l.tool().equals(group.tool())).toList();
            if (onTool.isEmpty()) {
                return new PlanDecision.Allowed();
            }
            Optional<Limit> inCurrency = onTool.stream().filter(l -> l.currency().equals(group.currency()))
                    .findFirst();
            if (inCurrency.isPresent()) {
                limits.add(inCurrency.get());
            } else {
                limitedInOtherCurrencies = true;
            }
        }
        if (limits.isEmpty()) {
            String code = group.currency().getCurrencyCode();
            return new PlanDecision.Denied("limit.currency", "Your roles do not allow " + group.tool() + " in " + code
                    + (limitedInOtherCurrencies ? "; they set limits only in other currencies." : "."));
        }
        PlanDecision best = null;
        Set<String> approvers = new LinkedHashSet<>();
        for (Limit limit : limits) {
            PlanDecision verdict = judge(limit, group, total, today, steps);
            if (verdict instanceof PlanDecision.Allowed) {
                return verdict;
            }
            if (verdict instanceof PlanDecision.NeedsApproval needs) {
                if (!(best instanceof PlanDecision.NeedsApproval)) {
                    best = verdict;
                }
                approvers.addAll(needs.gates().get(0).approverRoles());
            } else if (best == null) {
                best = verdict;
            }
        }
        if (best instanceof PlanDecision.NeedsApproval needs) {
            PlanDecision.Gate gate = needs.gates().get(0);
            return new PlanDecision.NeedsApproval(List.of(
                    new PlanDecision.Gate(gate.tool(), gate.stepIds(), gate.total(), approvers, gate.reason())));
        }
        return best;
    }

    private static PlanDecision judge(Limit limit, Group group, Money total, BigDecimal today, List<String> steps) {
        String code = " " + group.currency().getCurrencyCode();
        BigDecimal withToday = today.add(total.amount());
        String plan = steps.size() == 1 ? "This " + group.tool() + " of " + total
                : "These " + steps.size() + " " + group.tool() + " steps total " + total + " and";
        if (limit.withApproval().isPresent() && total.amount().compareTo(limit.withApproval().get()) > 0) {
            return new PlanDecision.Denied("limit.with_approval", plan + " exceed" + (steps.size() == 1 ? "s" : "")
                    + " your limit of " + plain(limit.withApproval().get()) + code + " even with approval.");
        }
        if (limit.dailyTotal().isPresent() && withToday.compareTo(limit.dailyTotal().get()) > 0) {
            return new PlanDecision.Denied("limit.daily_total", "You have already moved " + plain(today) + code
                    + " with " + group.tool() + " today; with " + total + " more that is " + plain(withToday) + code
                    + ", over your daily total of " + plain(limit.dailyTotal().get()) + code + ".");
        }
        if (limit.withoutApproval().isPresent()) {
            BigDecimal threshold = limit.withoutApproval().get();
            String reason = null;
            if (total.amount().compareTo(threshold) > 0) {
                reason = plan + " exceed" + (steps.size() == 1 ? "s" : "") + " the " + plain(threshold) + code
                        + " you may move without approval.";
            } else if (withToday.compareTo(threshold) > 0) {
                reason = "With the " + plain(today) + code + " already moved with " + group.tool() + " today, "
                        + total + " more makes " + plain(withToday) + code + ", above the " + plain(threshold) + code
                        + " you may move without approval in a day.";
            }
            if (reason != null) {
                return new PlanDecision.NeedsApproval(List.of(
                        new PlanDecision.Gate(group.tool(), steps, total, limit.approvers(), reason)));
            }
        }
        return new PlanDecision.Allowed();
    }

    /** True when every role allowing the tool sets limits on it (so an amount is needed to judge the call). */
    private static boolean limitedEverywhere(Principal who, String tool) {
        return who.roles().stream().filter(r -> r.tools().contains(tool))
                .allMatch(r -> r.limits().stream().anyMatch(l -> l.tool().equals(tool)));
    }

    private static String roleNames(Principal who) {
        return who.roles().isEmpty() ? "none" : String.join(", ", who.roles().stream().map(Role::name).toList());
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
