package dev.errand.bot.payments.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.payments.alipay.AlipayNotification;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Carries each newly recorded payment notification on the {@code payment-notification} channel; on arrival it
 * is fired as a CDI event of type {@link AlipayNotification}, which a waiting workflow observes to wake. The
 * notification is already in table {@code payment_notification}: a lost message delays a wake-up, loses nothing.
 */
public interface PaymentNotificationChannel {
    String OUT = "payment-notification";

    /** Called after the transaction that recorded {@code notification} committed. */
    void publish(AlipayNotification notification);

    /** The embedded default: an in-memory channel inside this node. */
    @ApplicationScoped
    @UnlessBuildProfile(anyOf = {"test", "server"})
    class Local implements PaymentNotificationChannel {
        private static final Logger LOG = Logger.getLogger(Local.class);

        @Inject
        @Channel(OUT)
        Emitter<AlipayNotification> channel;

        @Inject
        Event<AlipayNotification> arrived;

        @Override
        public void publish(AlipayNotification notification) {
            try {
                channel.send(notification).exceptionally(failure -> {
                    LOG.debugf("payment notification not published: %s", failure.getClass().getSimpleName());
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.debugf("payment notification not published: %s", e.getClass().getSimpleName());
            }
        }

        @Incoming(OUT)
        @Blocking
        public void onNotification(AlipayNotification notification) {
            arrived.fire(notification);
        }
    }

    /**
     * Builds with a broker: the notification travels as JSON through RabbitMQ ({@code <prefix>.payment-notification})
     * so the node that holds the waiting run wakes, whichever node received the notification.
     */
    @ApplicationScoped
    @IfBuildProfile(anyOf = {"test", "server"})
    class Broker implements PaymentNotificationChannel {
        public static final String IN = "payment-notification-broker";
        private static final Logger LOG = Logger.getLogger(Broker.class);

        @Inject
        @Channel(OUT)
        Emitter<String> broker;

        @Inject
        ObjectMapper json;

        @Inject
        Event<AlipayNotification> arrived;

        @Override
        public void publish(AlipayNotification notification) {
            try {
                broker.send(json.writeValueAsString(notification)).exceptionally(failure -> {
                    LOG.debugf("payment notification not published: %s", failure.getClass().getSimpleName());
                    return null;
                });
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.debugf("payment notification not published: %s", e.getClass().getSimpleName());
            }
        }

        @Incoming(IN)
        @Blocking
        public void onNotification(String message) {
            AlipayNotification notification;
            try {
                notification = json.readValue(message, AlipayNotification.class);
            } catch (JsonProcessingException e) {
                LOG.warnf("dropped a payment notification message that is not one (%s)", e.getClass().getSimpleName());
                return;
            }
            arrived.fire(notification);
        }
    }
}
