package dev.errand.bot.identity;

import dev.errand.agent.policy.Policy;
import dev.errand.agent.policy.PolicyFileException;
import dev.errand.agent.policy.Principal;
import dev.errand.bot.config.ErrandConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The policy in force: the file named by {@code ERRAND_POLICY_FILE}, read at start (a refused file stops the start
 * with its line and field) and checked for changes every {@code errand.policy.reload-interval}; without it, the
 * built-in {@link DemoPolicy}. Resolves API keys and chat senders to employees.
 */
@Startup
@ApplicationScoped
public class PolicyStore implements Policies {
    private final Supplier<Policy> policy;
    private final ScheduledExecutorService reloads;
    private final PolicyReloader reloader;

    @Inject
    public PolicyStore(ErrandConfig config) {
        if (config.policy().file().isPresent()) {
            try {
                reloader = new PolicyReloader(config.policy().file().get());
            } catch (PolicyFileException e) {
                throw new IllegalStateException("ERRAND_POLICY_FILE refused: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("ERRAND_POLICY_FILE " + config.policy().file().get()
                        + " cannot be read", e);
            }
            this.policy = reloader::current;
            this.reloads = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "errand-policy-reload");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(100, config.policy().reloadInterval().toMillis());
            reloads.scheduleWithFixedDelay(reloader::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        } else {
            Policy demo = DemoPolicy.load(config.dataDir());
            this.policy = () -> demo;
            this.reloads = null;
            this.reloader = null;
        }
    }

    @PreDestroy
    void stop() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
    }

    /** Edits of the policy file refused since the start (0 without a file). */
    int refusedEdits() {
        return reloader == null ? 0 : reloader.refusedEdits();
    }

    /** The policy in force now. */
    public Policy current() {
        return policy.get();
    }

    @Override
    public Optional<Principal> principal(String tenant, String employeeId) {
        return current().principal(tenant, employeeId);
    }

    @Override
    public Optional<Long> tokenBudgetPerMonth(String tenant) {
        return current().tenant(tenant).flatMap(t -> t.tokenBudgetPerMonth());
    }

    /** The employee holding this API key; empty for an unknown key. */
    public Optional<Principal> byApiKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            return Optional.empty();
        }
        return current().byApiKeySha256(ApiKeys.sha256Hex(key));
    }

    /** See {@link Policy#chatSender}. */
    public Optional<Principal> chatSender(String platform, String workspace, String user) {
        return current().chatSender(platform, workspace, user);
    }
}
