package dev.errand.bot.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DingTalkSignatureTest {
    private static final String SECRET = "test-secret-123";
    private static final long T = 1700000000000L;
    private static final String VECTOR_SIGN = "wZ7y3d63egNuxxobkwJGnqpm2R6ixdh7+HrMXU2Ik+U=";

    private final DingTalkSignature verifier = verifierAt(T + 30_000);

    private static DingTalkSignature verifierAt(long nowMillis) {
        return new DingTalkSignature(SECRET, Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC),
                Duration.ofHours(1));
    }

    @Test
    void should_sign_the_protocol_test_vector() {
        assertThat(DingTalkSignature.sign("1700000000000", SECRET)).isEqualTo(VECTOR_SIGN);
    }

    @Test
    void should_accept_a_valid_signature_within_the_window() {
        assertThatCode(() -> verifier.verify("1700000000000", VECTOR_SIGN)).doesNotThrowAnyException();
    }

    @Test
    void should_reject_a_forged_signature() {
        String forged = DingTalkSignature.sign("1700000000000", "another-secret");
        assertThatThrownBy(() -> verifier.verify("1700000000000", forged))
                .isInstanceOf(DingTalkSignature.Rejected.class).hasMessage("header 'sign' does not match");
    }

    @Test
    void should_reject_a_signature_made_for_another_timestamp() {
        assertThatThrownBy(() -> verifier.verify("1700000000001", VECTOR_SIGN))
                .isInstanceOf(DingTalkSignature.Rejected.class).hasMessage("header 'sign' does not match");
    }

    @Test
    void should_reject_a_timestamp_older_than_the_window() {
        DingTalkSignature later = verifierAt(T + Duration.ofHours(1).toMillis() + 1);
        assertThatThrownBy(() -> later.verify("1700000000000", VECTOR_SIGN))
                .isInstanceOf(DingTalkSignature.Rejected.class).hasMessageContaining("outside the 60-minute window");
    }

    @Test
    void should_accept_a_timestamp_exactly_at_the_window_edge() {
        DingTalkSignature edge = verifierAt(T + Duration.ofHours(1).toMillis());
        assertThatCode(() -> edge.verify("1700000000000", VECTOR_SIGN)).doesNotThrowAnyException();
    }

    @Test
    void should_reject_a_timestamp_from_the_future_beyond_the_window() {
        DingTalkSignature earlier = verifierAt(T - Duration.ofHours(2).toMillis());
        assertThatThrownBy(() -> earlier.verify("1700000000000", VECTOR_SIGN))
                .isInstanceOf(DingTalkSignature.Rejected.class).hasMessageContaining("window");
    }

    @Test
    void should_reject_missing_headers_naming_them() {
        assertThatThrownBy(() -> verifier.verify(null, VECTOR_SIGN)).hasMessage("missing header 'timestamp'");
        assertThatThrownBy(() -> verifier.verify("1700000000000", " ")).hasMessage("missing header 'sign'");
    }

    @Test
    void should_reject_a_timestamp_that_is_not_a_number() {
        assertThatThrownBy(() -> verifier.verify("yesterday", VECTOR_SIGN))
                .hasMessage("header 'timestamp' is not milliseconds since the epoch");
    }
}
