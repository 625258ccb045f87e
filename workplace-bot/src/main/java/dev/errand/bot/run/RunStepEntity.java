package dev.errand.bot.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One tool call of a run (table {@code run_step}, primary key (run, step)). */
@Entity
@Table(name = "run_step")
@IdClass(RunStepEntity.Key.class)
public class RunStepEntity extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public UUID runId;
    @Id
    public int step;
    public String tool;
    public String arguments;
    public String status;
    public String result;
    public String error;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The composite key. */
    public record Key(UUID runId, int step) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    public static List<RunStepEntity> ofRun(UUID runId) {
        return list("runId = ?1 order by step", runId);
    }

    /** The number of the run's last journaled step, 0 when it has none. */
    public static int lastStepOf(UUID runId) {
        Integer last = getEntityManager()
                .createQuery("select max(s.step) from RunStepEntity s where s.runId = ?1", Integer.class)
                .setParameter(1, runId).getSingleResult();
        return last == null ? 0 : last;
    }
}
