package dev.errand.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.bot.config.ErrandConfig;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.alipay.AlipayPaymentsConnector;
import dev.errand.connectors.testkit.alipay.AlipayTestKeys;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ERRAND_PAY_*: all four give Alipay, none gives the demo, some stop the start naming what is missing. */
class PaymentsWiringTest {

    private record Pay(Optional<URI> baseUrl, Optional<String> appId, Optional<String> appPrivateKey,
            Optional<String> platformPublicKey) implements ErrandConfig.Pay {
        @Override
        public Duration timeout() {
            return Duration.ofSeconds(15);
        }
    }

    private static PaymentsConnector payments(Pay pay) {
        AgentWiring wiring = new AgentWiring();
        wiring.meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        wiring.config = (ErrandConfig) Proxy.newProxyInstance(ErrandConfig.class.getClassLoader(),
                new Class<?>[] {ErrandConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("pay")) {
                        return pay;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return wiring.payments();
    }

    private static final Optional<URI> URL = Optional.of(URI.create("https://openapi.alipay.com/gateway.do"));
    private static final Optional<String> APP = Optional.of("2021000000000000");
    private static final Optional<String> PRIVATE = Optional.of(AlipayTestKeys.APP_PRIVATE_PEM);
    private static final Optional<String> PUBLIC = Optional.of(AlipayTestKeys.platformPublicBase64());

    @Test
    void should_serve_demo_payments_when_nothing_is_configured() {
        PaymentsConnector payments = payments(new Pay(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(payments).isInstanceOf(DemoPaymentsConnector.class);
        assertThat(payments.origin()).isEqualTo(DataOrigin.DEMO);
    }

    @Test
    void should_use_alipay_when_everything_is_configured() {
        PaymentsConnector payments = payments(new Pay(URL, APP, PRIVATE, PUBLIC));
        assertThat(payments).isInstanceOf(AlipayPaymentsConnector.class);
        assertThat(payments.origin()).isEqualTo(DataOrigin.LIVE);
    }

    @Test
    void should_stop_the_start_naming_every_missing_setting() {
        assertThatThrownBy(() -> payments(new Pay(URL, Optional.empty(), PRIVATE, Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ERRAND_PAY_APP_ID").hasMessageContaining("ERRAND_PAY_PLATFORM_PUBLIC_KEY")
                .hasMessageNotContaining("ERRAND_PAY_BASE_URL,").hasMessageNotContaining("MIIE");
        assertThatThrownBy(() -> payments(new Pay(Optional.empty(), APP, Optional.empty(), Optional.empty())))
                .hasMessageContaining("ERRAND_PAY_BASE_URL").hasMessageContaining("ERRAND_PAY_APP_PRIVATE_KEY");
    }

    @Test
    void should_stop_the_start_naming_a_key_that_cannot_be_read_without_showing_it() {
        assertThatThrownBy(() -> payments(new Pay(URL, APP, Optional.of("c2VjcmV0LW5vdC1hLWtleQ=="), PUBLIC)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("app private key")
                .hasMessageNotContaining("c2VjcmV0");
    }
}
