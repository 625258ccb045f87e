package dev.errand.bot.wiring;

import dev.errand.agent.plan.SpendLedger;
import dev.errand.workflows.approval.Approvals;
import dev.errand.workflows.spending.JdbcSpendLedger;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.workflows.engine.Database;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.EngineSettings;
import dev.errand.workflows.engine.RunHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the durable engine on the application's datasource and runs its workers while the app runs. */
@ApplicationScoped
public class EngineWiring {
    private static final Logger LOG = Logger.getLogger(EngineWiring.class);

    @Inject
    ErrandConfig config;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    Database database(AgroalDataSource dataSource) {
        return new Database(dataSource);
    }

    @Produces
    @ApplicationScoped
    Engine engine(Database database, Clock clock, Instance<RunHandler> handlers) {
        ErrandConfig.Engine engine = config.engine();
        String nodeId = engine.nodeId().filter(id -> !id.isBlank())
                .orElseGet(() -> "h2".equals(dbKind) ? "embedded" : "node-" + UUID.randomUUID());
        EngineSettings settings = new EngineSettings(nodeId, engine.workers(), engine.delivery().workers(),
                engine.lease(), engine.pollInterval(), engine.maxHeld());
        return new Engine(database, settings, clock, handlers.stream().toList());
    }

    @Produces
    @ApplicationScoped
    Approvals approvals(Database database, Engine engine) {
        return new Approvals(database, engine);
    }

    @Produces
    @ApplicationScoped
    SpendLedger spendLedger(Database database, Clock clock) {
        return new JdbcSpendLedger(database, clock);
    }

    void onStart(@Observes StartupEvent event, Engine engine) {
        engine.start();
        EngineSettings s = engine.settings();
        LOG.infof("Engine node %s: %d workers, %d per delivery lane, lease %s", s.nodeId(), s.workers(),
                s.laneWorkers(), s.lease());
    }

    void onStop(@Observes ShutdownEvent event, Engine engine) {
        engine.stop();
    }
}
