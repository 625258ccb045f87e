package dev.errand.agent.policy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An amount limit of a role on one money-moving tool in one currency. A plan's total for the tool and
 * currency, and the employee's daily total with it, above {@code withoutApproval} need approval by one
 * of {@code approvers}; above {@code withApproval} or {@code dailyTotal} they are denied.
 */
public record Limit(String tool, Currency currency, Optional<BigDecimal> withoutApproval,
        Optional<BigDecimal> withApproval, Set<String> approvers, Optional<BigDecimal> dailyTotal) {
    public Limit {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(currency, "currency");
        approvers = Set.copyOf(approvers);
    }
}
