package dev.errand.bot.wiring;

import dev.errand.agent.policy.Principal;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.bot.identity.Policies;
import dev.errand.connectors.documents.DocumentService;
import dev.errand.connectors.documents.DocumentStores;
import dev.errand.connectors.documents.Reader;
import dev.errand.connectors.documents.Embedders;
import dev.errand.tools.documents.SearchDocumentsTool;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Documents: the service on the application's database, its index built at start from the database and caught up
 * with other nodes' writes every {@code errand.documents.catch-up-interval}, and the {@code search_documents} tool
 * reading as the employee of the call. The embedding model loads on the first publish or search, not at start.
 */
@ApplicationScoped
public class DocumentWiring {
    private static final Logger LOG = Logger.getLogger(DocumentWiring.class);

    private ScheduledExecutorService catchUp;

    @Produces
    @ApplicationScoped
    DocumentService documents(DataSource dataSource) {
        return new DocumentService(DocumentStores.jdbc(dataSource), Embedders.allMiniLmL6V2(), Clock.systemUTC());
    }

    /** Who the {@code search_documents} tool reads as: the employee of the call, by the policy in force now. */
    @Produces
    @jakarta.inject.Singleton
    SearchDocumentsTool.Readers readers(Policies policies) {
        return (tenant, employee) -> policies.principal(tenant, employee)
                .map(DocumentWiring::reader).orElseGet(() -> Reader.of(tenant, Set.of()));
    }

    /** What an employee reads: a tenant's admin all of its documents, anyone else those of no group or theirs. */
    public static Reader reader(Principal who) {
        return who.admin() ? Reader.admin(who.tenant()) : Reader.of(who.tenant(), who.groups());
    }

    void start(@Observes StartupEvent start, DocumentService documents, ErrandConfig config) {
        Duration interval = config.documents().catchUpInterval();
        int indexed = documents.catchUp();
        LOG.infof("Document index built from the database: %d documents", indexed);
        catchUp = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "errand-documents-catch-up");
            t.setDaemon(true);
            return t;
        });
        catchUp.scheduleWithFixedDelay(() -> {
            try {
                documents.catchUp();
            } catch (RuntimeException e) {
                LOG.warn("Document index catch-up failed; retrying at the next interval", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (catchUp != null) {
            catchUp.shutdownNow();
        }
    }
}
