package dev.errand.money;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a decimal with its ISO 4217 currency, never a floating-point number.
 * Arithmetic across currencies is an error ({@link CurrencyMismatchException}).
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than " + digits
                    + " decimal places for " + currency.getCurrencyCode());
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /** Parses a decimal string such as {@code "200.07"} in the given ISO currency code. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + amount + "' is not a decimal number");
        }
        return new Money(value, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + code + "' is not an ISO 4217 code");
        }
    }

    /** {@code 200.07 CNY}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
