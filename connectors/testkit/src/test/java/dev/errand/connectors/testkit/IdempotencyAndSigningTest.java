package dev.errand.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.sdk.ConnectorClient;
import dev.errand.connectors.sdk.ConnectorConfig;
import dev.errand.connectors.sdk.ConnectorRequest;
import dev.errand.connectors.sdk.IdempotencyKeyPlacement;
import dev.errand.connectors.sdk.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Side-effecting calls carry the step's key, on every attempt, where the operation says; signers see all. */
class IdempotencyAndSigningTest {
    @RegisterExtension
    static ConnectorTestKit system = ConnectorTestKit.create();

    static final ConnectorConfig.Retry FAST = new ConnectorConfig.Retry(2, Duration.ofMillis(10),
            Duration.ofMillis(40), Duration.ofMillis(5));

    private ConnectorClient client() {
        return ConnectorClient.builder(ConnectorConfig.of("payouts", system.baseUrl()).withRetry(FAST))
                // a toy signer: the length of every parameter name and value, enough to see what it covered
                .signer(r -> r.query().put("sig", Integer.toString(
                        r.form().entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum())))
                .build();
    }

    @Test
    void should_refuse_a_side_effecting_call_without_an_idempotency_key_and_send_nothing() {
        Operation payout = Operation.sideEffecting("payout");

        assertThatThrownBy(() -> client().call(payout, ConnectorRequest.post("/payouts").withForm("amount", "1.00"),
                r -> "done"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idempotency key");
        system.assertCallCount(0);
    }

    @Test
    void should_send_the_same_key_in_the_idempotency_key_header_on_every_retry() {
        system.serverErrors("/payouts", 2, 500, "{}");
        Operation payout = Operation.sideEffecting("payout");

        client().call(payout, ConnectorRequest.post("/payouts").withForm("amount", "1.00")
                .withIdempotencyKey("run-7:s2"), r -> "done");

        system.assertCallCount(3);
        system.assertEveryCall("carry the step's key",
                call -> call.header("Idempotency-Key").orElse("").equals("run-7:s2"));
    }

    @Test
    void should_put_the_key_in_the_named_parameter_before_signing() {
        system.answerJson("/refunds", "{}");
        Operation refund = Operation.sideEffecting("refund", IdempotencyKeyPlacement.formParam("out_request_no"));

        client().call(refund, ConnectorRequest.post("/refunds").withForm("amount", "1.00")
                .withIdempotencyKey("k1"), r -> "done");

        RecordedCall call = system.onlyCall();
        assertThat(call.form()).containsEntry("out_request_no", "k1").containsEntry("amount", "1.00");
        // amount(6)+1.00(4)+out_request_no(14)+k1(2): the signature covered the key
        assertThat(call.query()).containsEntry("sig", "26");
        assertThat(call.header("Idempotency-Key")).isEmpty();
    }

    @Test
    void should_send_no_key_on_a_read_only_call() {
        system.answerJson("/payouts/1", "{}");

        client().call(Operation.readOnly("get_payout"), ConnectorRequest.get("/payouts/1"), r -> "done");

        assertThat(system.onlyCall().header("Idempotency-Key")).isEmpty();
    }

    @Test
    void should_send_form_parameters_url_encoded_as_utf8() {
        system.answerJson("/notes", "{}");

        client().call(Operation.readOnly("note"), ConnectorRequest.post("/notes").withQuery("q", "a b&c")
                .withForm("text", "退款 120,00"), r -> "done");

        RecordedCall call = system.onlyCall();
        assertThat(call.query()).containsEntry("q", "a b&c");
        assertThat(call.form()).containsEntry("text", "退款 120,00");
        assertThat(call.header("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/x-www-form-urlencoded"));
    }
}
