package dev.errand.agent.policy;

import java.math.BigDecimal;
import java.util.Currency;

/** What the employee has already moved today (in their tenant's zone) with a tool, approved or not. */
@FunctionalInterface
public interface SpentToday {
    SpentToday NOTHING = (tool, currency) -> BigDecimal.ZERO;

    BigDecimal amount(String tool, Currency currency);
}
