package dev.errand.money;

import java.util.Currency;

/** Arithmetic or comparison was attempted between amounts in two different currencies. */
public final class CurrencyMismatchException extends IllegalArgumentException {
    private final Currency expected;
    private final Currency actual;

    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("currency mismatch: expected " + expected.getCurrencyCode() + " but got " + actual.getCurrencyCode());
        this.expected = expected;
        this.actual = actual;
    }

    public Currency expected() {
        return expected;
    }

    public Currency actual() {
        return actual;
    }
}
