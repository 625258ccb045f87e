package dev.errand.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DingTalkSignerTest {

    @Test
    void should_reproduce_the_test_vector_of_the_dingtalk_protocol() {
        // given the vector of protocols/dingtalk.md §1
        String secret = "test-secret-123";
        long timestamp = 1700000000000L;

        // when
        String sign = DingTalkSigner.sign(secret, timestamp);

        // then
        assertThat(sign).isEqualTo("wZ7y3d63egNuxxobkwJGnqpm2R6ixdh7+HrMXU2Ik+U=");
    }

    @Test
    void should_change_the_signature_with_the_secret_and_the_timestamp() {
        String sign = DingTalkSigner.sign("test-secret-123", 1700000000000L);

        assertThat(DingTalkSigner.sign("test-secret-124", 1700000000000L)).isNotEqualTo(sign);
        assertThat(DingTalkSigner.sign("test-secret-123", 1700000000001L)).isNotEqualTo(sign);
    }
}
