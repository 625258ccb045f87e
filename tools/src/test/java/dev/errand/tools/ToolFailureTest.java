package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.ShopUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ToolFailureTest {

    @Test
    void should_read_a_refusal_of_the_shop_as_a_final_failure_with_its_message() {
        ToolFailure failure = ToolFailure.of(new OrderNotFoundException(OrderId.of("999"))).orElseThrow();

        assertThat(failure).isEqualTo(new ToolFailure("OrderNotFoundException", false, "order 999 not found"));
    }

    @Test
    void should_read_an_outage_as_retryable_with_the_sentence_for_the_employee() {
        ToolFailure failure = ToolFailure.of(new ShopUnavailableException("HTTP 503 from the gateway",
                new IOException("reset"))).orElseThrow();

        assertThat(failure.kind()).isEqualTo("ShopUnavailableException");
        assertThat(failure.retryable()).isTrue();
        // the technical cause stays in the logs; the employee reads the connector's sentence
        assertThat(failure.userMessage()).isEqualTo("the shop is not reachable right now, please try again later");
    }

    @Test
    void should_not_read_a_bug_as_a_failure_of_the_world() {
        assertThat(ToolFailure.of(new IllegalStateException("oops"))).isEmpty();
        assertThat(ToolFailure.of(new NullPointerException())).isEmpty();
    }
}
