package dev.errand.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void should_parse_decimal_string_with_currency_code() {
        Money money = Money.of("200.07", "CNY");

        assertThat(money.amount()).isEqualTo(new BigDecimal("200.07"));
        assertThat(money.currency()).isEqualTo(CNY);
        assertThat(money).hasToString("200.07 CNY");
    }

    @Test
    void should_trim_input_and_accept_lower_case_currency_code() {
        assertThat(Money.of(" 5.5 ", " cny ")).isEqualTo(Money.of("5.50", "CNY"));
    }

    @Test
    void should_scale_amount_to_the_currencys_fraction_digits() {
        assertThat(Money.of("12", "CNY").amount()).isEqualTo(new BigDecimal("12.00")).hasScaleOf(2);
        assertThat(Money.of("12.5", "CNY").amount()).hasScaleOf(2);
        assertThat(Money.of("12.500", "CNY").amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.of("1200", "JPY").amount()).hasScaleOf(0);
    }

    @Test
    void should_treat_equal_amounts_written_differently_as_equal() {
        assertThat(Money.of("12.5", "CNY")).isEqualTo(Money.of("12.50", "CNY")).hasSameHashCodeAs(Money.of("12.500", "CNY"));
        assertThat(Money.of("12.50", "CNY")).isNotEqualTo(Money.of("12.50", "USD"));
    }

    @Test
    void should_reject_more_decimals_than_the_currency_has_naming_the_amount() {
        assertThatThrownBy(() -> Money.of("200.071", "CNY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200.071")
                .hasMessageContaining("2 decimal places")
                .hasMessageContaining("CNY");
        assertThatThrownBy(() -> Money.of("1.5", "JPY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5")
                .hasMessageContaining("JPY");
    }

    @Test
    void should_reject_text_that_is_not_a_decimal_number_naming_it() {
        assertThatThrownBy(() -> Money.of("12,50", "CNY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount '12,50' is not a decimal number");
        assertThatThrownBy(() -> Money.of("", "CNY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_unknown_currency_naming_it() {
        assertThatThrownBy(() -> Money.of("1.00", "RMB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency 'RMB' is not an ISO 4217 code");
    }

    @Test
    void should_reject_missing_amount_or_currency() {
        assertThatThrownBy(() -> Money.of(null, "CNY")).isInstanceOf(NullPointerException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> Money.of("1.00", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void should_add_amounts_of_the_same_currency() {
        assertThat(Money.of("120.03", "CNY").plus(Money.of("80.04", "CNY"))).isEqualTo(Money.of("200.07", "CNY"));
    }

    @Test
    void should_throw_currency_mismatch_when_adding_another_currency() {
        CurrencyMismatchException e = catchThrowableOfType(CurrencyMismatchException.class,
                () -> Money.of("1.00", "CNY").plus(Money.of("1.00", "USD")));

        assertThat(e).hasMessage("currency mismatch: expected CNY but got USD");
        assertThat(e.expected()).isEqualTo(CNY);
        assertThat(e.actual()).isEqualTo(USD);
    }

    @Test
    void should_multiply_by_quantity_exactly() {
        assertThat(Money.of("20.01", "CNY").times(4)).isEqualTo(Money.of("80.04", "CNY"));
        assertThat(Money.of("0.10", "CNY").times(3).amount()).isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void should_start_from_zero_and_tell_negative_amounts() {
        assertThat(Money.zero(CNY)).isEqualTo(Money.of("0", "CNY"));
        assertThat(Money.zero(CNY).isNegative()).isFalse();
        assertThat(Money.of("-0.01", "CNY").isNegative()).isTrue();
    }
}
