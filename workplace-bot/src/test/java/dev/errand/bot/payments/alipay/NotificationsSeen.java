package dev.errand.bot.payments.alipay;

import dev.errand.connectors.payments.alipay.AlipayNotification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the payment notifications that arrived over the channel, as a waiting workflow would observe them. */
@ApplicationScoped
public class NotificationsSeen {
    private final List<AlipayNotification> seen = new CopyOnWriteArrayList<>();

    void on(@Observes AlipayNotification notification) {
        seen.add(notification);
    }

    public List<AlipayNotification> seen() {
        return List.copyOf(seen);
    }
}
