package dev.errand.connectors.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderQueryTest {
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void should_start_at_the_first_page_of_every_status() {
        OrderQuery query = OrderQuery.newest();

        assertThat(query.page()).isEqualTo(1);
        assertThat(query.pageSize()).isEqualTo(OrderQuery.DEFAULT_PAGE_SIZE);
        assertThat(query.status()).isEmpty();
        assertThat(query.createdFrom()).isEmpty();
    }

    @ParameterizedTest(name = "page {0} size {1}")
    @CsvSource({"0, 20, page must be at least 1", "1, 0, pageSize must be between 1 and 100",
            "1, 101, pageSize must be between 1 and 100, was 101"})
    void should_refuse_pages_out_of_bounds_naming_the_field(int page, int size, String message) {
        assertThatThrownBy(() -> OrderQuery.newest().page(page, size))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void should_accept_toms_cap_of_one_hundred() {
        assertThat(OrderQuery.newest().page(7, 100).pageSize()).isEqualTo(100);
    }

    @Test
    void should_refuse_a_range_that_ends_before_it_starts() {
        assertThatThrownBy(() -> OrderQuery.newest().createdBetween(MARCH_2, MARCH_1))
                .hasMessage("createdFrom must not be after createdTo");
        assertThat(OrderQuery.newest().createdBetween(MARCH_1, MARCH_1).createdTo()).contains(MARCH_1);
    }

    @Test
    void should_match_status_groups_and_both_ends_of_the_range() {
        OrderQuery closed = OrderQuery.newest().withStatus(OrderStatusFilter.ALL_CLOSED).createdBetween(MARCH_1, MARCH_2);

        assertThat(closed.matches(TradeStatus.TRADE_CLOSED_BY_TAOBAO, MARCH_1)).isTrue();
        assertThat(closed.matches(TradeStatus.TRADE_CLOSED, MARCH_2)).isTrue();
        assertThat(closed.matches(TradeStatus.TRADE_FINISHED, MARCH_1)).isFalse();
        assertThat(closed.matches(TradeStatus.TRADE_CLOSED, MARCH_2.plusSeconds(1))).isFalse();
        assertThat(closed.matches(TradeStatus.TRADE_CLOSED, MARCH_1.minusSeconds(1))).isFalse();
        assertThat(OrderQuery.newest().matches(TradeStatus.UNKNOWN, MARCH_1)).isTrue();
    }

    @Test
    void should_refuse_missing_optionals() {
        assertThatThrownBy(() -> new OrderQuery(null, Optional.empty(), Optional.empty(), 1, 1)).hasMessage("status");
    }
}
