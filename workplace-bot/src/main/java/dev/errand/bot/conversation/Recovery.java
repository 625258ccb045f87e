package dev.errand.bot.conversation;

import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.run.RunEntity;
import dev.errand.bot.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * On start, picks up what a previous process acknowledged but did not finish: runs received or
 * interrupted are queued again, answered runs are delivered. API runs had a caller waiting on the
 * connection that is gone, so they are marked failed instead.
 */
@ApplicationScoped
public class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class);

    @Inject
    Inbox inbox;

    void onStart(@Observes StartupEvent event) {
        List<RunEntity> unfinished = QuarkusTransaction.requiringNew().call(() -> {
            List<RunEntity> runs = new java.util.ArrayList<>(RunEntity.withStatus(RunStatus.RECEIVED));
            runs.addAll(RunEntity.withStatus(RunStatus.RUNNING));
            runs.addAll(RunEntity.withStatus(RunStatus.ANSWERED));
            return runs;
        });
        for (RunEntity run : unfinished) {
            UUID id = run.id;
            if (ChatChannel.API.name().equals(run.channel)) {
                QuarkusTransaction.requiringNew().run(() -> {
                    RunEntity row = RunEntity.findById(id);
                    row.error = "interrupted by a restart";
                    row.moveTo(RunStatus.FAILED);
                });
            } else {
                inbox.dispatch(id);
            }
        }
        if (!unfinished.isEmpty()) {
            LOG.infof("resumed %d unfinished runs", unfinished.size());
        }
    }
}
