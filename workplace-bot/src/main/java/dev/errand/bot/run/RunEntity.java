package dev.errand.bot.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One agent turn (table {@code agent_run}): the request as acknowledged, its status and reply. */
@Entity
@Table(name = "agent_run")
public class RunEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String channel;
    public String tenant;
    public String employee;
    @Column(name = "thread_id")
    public String threadId;
    @Column(name = "request_text")
    public String requestText;
    /** Where the reply goes (a DingTalk session webhook); not logged. */
    @Column(name = "reply_to")
    public String replyTo;
    @Column(name = "reply_to_expires_at")
    public Instant replyToExpiresAt;
    @Enumerated(EnumType.STRING)
    public RunStatus status;
    @Column(name = "reply_title")
    public String replyTitle;
    @Column(name = "reply_text")
    public String replyText;
    @Column(name = "reply_markdown")
    public Boolean replyMarkdown;
    public long tokens;
    public String error;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<RunEntity> withStatus(RunStatus status) {
        return list("status = ?1 order by createdAt", status);
    }

    public void moveTo(RunStatus next) {
        status = next;
        updatedAt = Instant.now();
    }
}
