package dev.errand.bot.payments.alipay;

import dev.errand.connectors.payments.PaymentStatus;
import dev.errand.connectors.testkit.alipay.AlipayTestKeys;
import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/** The fake Alipay gateway, and the ERRAND_PAY_* settings that point Errand at it. */
public class AlipayGatewayResource implements QuarkusTestResourceLifecycleManager {
    private static FakeAlipayGateway gateway;

    @Override
    public Map<String, String> start() {
        gateway = new FakeAlipayGateway(Duration.ofSeconds(3));
        gateway.addTrade("8812", "2026112622001400001", "120.00", PaymentStatus.TRADE_SUCCESS)
                .addTrade("8814", "2026112622001400003", "349.00", PaymentStatus.TRADE_CLOSED);
        return Map.of("errand.pay.base-url", gateway.gatewayUrl().toString(),
                "errand.pay.app-id", FakeAlipayGateway.APP_ID,
                "errand.pay.app-private-key", AlipayTestKeys.APP_PRIVATE_PEM,
                "errand.pay.platform-public-key", AlipayTestKeys.PLATFORM_PUBLIC_PEM,
                "errand.pay.timeout", "1s");
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    public static FakeAlipayGateway gateway() {
        return gateway;
    }
}
