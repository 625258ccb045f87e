package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.testkit.alipay.AlipayTestKeys;

import dev.errand.connectors.testkit.alipay.FakeAlipayGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import dev.errand.connectors.payments.PaymentStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake gateway speaks the platform's protocol: the official SDK client works against it unchanged. */
class FakeAlipayGatewayTest {
    private FakeAlipayGateway gateway;

    @BeforeEach
    void start() {
        gateway = new FakeAlipayGateway(Duration.ofSeconds(2));
        gateway.addTrade("T1", "2026010122001400000000000001", "100.00", PaymentStatus.TRADE_SUCCESS);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private DefaultAlipayClient sdk(String appPrivateKey) throws AlipayApiException {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(gateway.gatewayUrl().toString());
        config.setAppId(FakeAlipayGateway.APP_ID);
        config.setPrivateKey(appPrivateKey);
        config.setAlipayPublicKey(AlipayTestKeys.platformPublicBase64());
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        return new DefaultAlipayClient(config);
    }

    private static AlipayTradeRefundRequest refund(String amount, String requestNo) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo("T1");
        model.setRefundAmount(amount);
        model.setOutRequestNo(requestNo);
        model.setRefundReason("包裹丢失");
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        return request;
    }

    @Test
    void should_accept_the_sdks_signed_requests_and_sign_answers_the_sdk_verifies() throws Exception {
        DefaultAlipayClient client = sdk(AlipayTestKeys.bare(AlipayTestKeys.APP_PRIVATE_PEM));

        AlipayTradeQueryModel queryModel = new AlipayTradeQueryModel();
        queryModel.setOutTradeNo("T1");
        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizModel(queryModel);
        AlipayTradeQueryResponse payment = client.execute(query);
        assertThat(payment.isSuccess()).isTrue();
        assertThat(payment.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(payment.getTotalAmount()).isEqualTo("100.00");

        AlipayTradeRefundResponse first = client.execute(refund("30.00", "R1"));
        assertThat(first.isSuccess()).isTrue();
        assertThat(first.getFundChange()).isEqualTo("Y");
        AlipayTradeRefundResponse repeat = client.execute(refund("30.00", "R1"));
        assertThat(repeat.getFundChange()).as("a repeat moves no money").isEqualTo("N");
        assertThat(repeat.getRefundFee()).isEqualTo("30.00");
        assertThat(gateway.refundsMade()).hasSize(1);

        AlipayTradeFastpayRefundQueryModel refundQueryModel = new AlipayTradeFastpayRefundQueryModel();
        refundQueryModel.setOutTradeNo("T1");
        refundQueryModel.setOutRequestNo("R1");
        AlipayTradeFastpayRefundQueryRequest refundQuery = new AlipayTradeFastpayRefundQueryRequest();
        refundQuery.setBizModel(refundQueryModel);
        AlipayTradeFastpayRefundQueryResponse status = client.execute(refundQuery);
        assertThat(status.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(status.getRefundAmount()).isEqualTo("30.00");
    }

    @Test
    void should_refuse_what_the_platform_refuses_with_its_codes() throws Exception {
        DefaultAlipayClient client = sdk(AlipayTestKeys.bare(AlipayTestKeys.APP_PRIVATE_PEM));
        assertThat(client.execute(refund("100.01", "R1")).getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        client.execute(refund("10.00", "R2"));
        assertThat(client.execute(refund("11.00", "R2")).getSubCode()).isEqualTo("ACQ.DISCORDANT_REPEAT_REQUEST");
        assertThat(gateway.refundsMade()).hasSize(1);
    }

    @Test
    void should_refuse_a_request_signed_with_another_key() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String strangerKey = java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate()
                .getEncoded());
        DefaultAlipayClient client = sdk(strangerKey);
        AlipayTradeRefundResponse response = client.execute(refund("1.00", "R1"));
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-signature");
        assertThat(gateway.refundsMade()).isEmpty();
    }

    @Test
    void should_sign_a_bad_signature_fault_so_that_the_sdk_rejects_it() throws Exception {
        DefaultAlipayClient client = sdk(AlipayTestKeys.bare(AlipayTestKeys.APP_PRIVATE_PEM));
        gateway.failNext("alipay.trade.refund", FakeAlipayGateway.Fault.BAD_SIGNATURE);
        assertThatThrownBy(() -> client.execute(refund("1.00", "R1"))).isInstanceOf(AlipayApiException.class);
    }
}
