package dev.errand.bot.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A platform message id already accepted (table {@code inbound_message}); a second delivery is ignored. */
@Entity
@Table(name = "inbound_message")
@IdClass(InboundMessageEntity.Key.class)
public class InboundMessageEntity extends PanacheEntityBase {
    @Id
    public String channel;
    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "received_at")
    public Instant receivedAt;

    /** The composite key. */
    public record Key(String channel, String messageId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
