package dev.errand.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** In the broker build, queued runs travel through the machine's RabbitMQ, consumed by this node. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class RabbitMqChannelTest {

    @ConfigProperty(name = "rabbitmq-host")
    String host;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void should_consume_queued_runs_from_a_durable_rabbitmq_queue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive("errand-test.chat-inbound");
            assertThat(queue.getConsumerCount()).as("Errand's worker consumes the queue").isGreaterThanOrEqualTo(1);
            AMQP.Exchange.DeclareOk exchange = channel.exchangeDeclarePassive("errand-test.chat-inbound");
            assertThat(exchange).isNotNull();
        }
    }
}
