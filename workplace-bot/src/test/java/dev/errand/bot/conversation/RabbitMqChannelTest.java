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

/** In the broker build, wake-ups travel through the machine's RabbitMQ, consumed by this node. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class RabbitMqChannelTest {

    @ConfigProperty(name = "rabbitmq-host")
    String host;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void should_consume_wake_ups_from_a_rabbitmq_queue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive("errand-test.run-wakeup");
            assertThat(queue.getConsumerCount()).as("this node listens for wake-ups").isGreaterThanOrEqualTo(1);
            AMQP.Exchange.DeclareOk exchange = channel.exchangeDeclarePassive("errand-test.run-wakeup");
            assertThat(exchange).isNotNull();
        }
    }
}
