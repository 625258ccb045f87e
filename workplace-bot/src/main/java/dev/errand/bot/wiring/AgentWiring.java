package dev.errand.bot.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.Agent;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.alipay.AlipayPaymentsConnector;
import dev.errand.connectors.payments.alipay.AlipaySettings;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.connectors.shop.taobao.TaobaoShopConnector;
import dev.errand.connectors.shop.taobao.TopSettings;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds the agent from configuration: connectors (real or demo), the catalog of the {@link CatalogTool}s
 * found on the class path, executor, model.
 */
@ApplicationScoped
public class AgentWiring {
    private static final Logger LOG = Logger.getLogger(AgentWiring.class);

    @Inject
    ErrandConfig config;

    /** Quarkus's registry: the connector SDK's call metrics show in /q/metrics. */
    @Inject
    MeterRegistry meters;

    @Produces
    @ApplicationScoped
    ShopConnector shop() {
        ErrandConfig.Shop shop = config.shop();
        if (shop.baseUrl().isEmpty()) {
            LOG.info("No shop configured (ERRAND_SHOP_BASE_URL): serving the demo shop");
            return new DemoShopConnector();
        }
        List<String> missing = new ArrayList<>();
        if (shop.appKey().isEmpty()) {
            missing.add("ERRAND_SHOP_APP_KEY");
        }
        if (shop.appSecret().isEmpty()) {
            missing.add("ERRAND_SHOP_APP_SECRET");
        }
        if (shop.session().isEmpty()) {
            missing.add("ERRAND_SHOP_SESSION");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ERRAND_SHOP_BASE_URL is set but " + String.join(", ", missing)
                    + " is missing");
        }
        LOG.infof("Reading orders from the TOP shop at %s", shop.baseUrl().get());
        return new TaobaoShopConnector(new TopSettings(shop.baseUrl().get(), shop.appKey().get(),
                Secret.of(shop.appSecret().get()), Secret.of(shop.session().get()), shop.timeout()),
                java.time.Clock.systemUTC(), meters);
    }

    @Produces
    @ApplicationScoped
    PaymentsConnector payments() {
        ErrandConfig.Pay pay = config.pay();
        if (pay.baseUrl().isEmpty() && pay.appId().isEmpty() && pay.appPrivateKey().isEmpty()
                && pay.platformPublicKey().isEmpty()) {
            LOG.info("No payment platform configured (ERRAND_PAY_BASE_URL): serving demo payments");
            return new DemoPaymentsConnector();
        }
        List<String> missing = new ArrayList<>();
        if (pay.baseUrl().isEmpty()) {
            missing.add("ERRAND_PAY_BASE_URL");
        }
        if (pay.appId().isEmpty()) {
            missing.add("ERRAND_PAY_APP_ID");
        }
        if (pay.appPrivateKey().isEmpty()) {
            missing.add("ERRAND_PAY_APP_PRIVATE_KEY");
        }
        if (pay.platformPublicKey().isEmpty()) {
            missing.add("ERRAND_PAY_PLATFORM_PUBLIC_KEY");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the payment platform is partly configured: " + String.join(", ", missing)
                    + " is missing");
        }
        LOG.infof("Payments on the Alipay gateway at %s", pay.baseUrl().get());
        try {
            return new AlipayPaymentsConnector(new AlipaySettings(pay.baseUrl().get(), pay.appId().get(),
                    Secret.of(pay.appPrivateKey().get()), Secret.of(pay.platformPublicKey().get()), pay.timeout()), meters);
        } catch (IllegalArgumentException e) {
            // the message names the key (app private / platform public) and never shows it
            throw new IllegalStateException("ERRAND_PAY_*: " + e.getMessage(), e);
        }
    }

    /**
     * Every tool bean: each {@link CatalogTool} class on the class path, built with its connectors injected,
     * and any tool a producer method makes. No tool is named here.
     */
    @Produces
    @ApplicationScoped
    ToolCatalog catalog(@Any Instance<AgentTool<?, ?>> tools) {
        ToolCatalog catalog = new ToolCatalog(tools.stream().toList());
        LOG.infof("Tool catalog: %s", catalog.entries().stream().map(e -> e.tool().name().value()).toList());
        return catalog;
    }

    @Produces
    @ApplicationScoped
    ToolExecutor executor(ToolCatalog catalog, ObjectMapper json) {
        return new ToolExecutor(catalog, json);
    }

    /** Built at start so a misconfigured shop or model fails the start, not the first message. */
    @Produces
    @Startup
    @ApplicationScoped
    Agent agent(ToolCatalog catalog, ToolExecutor executor, ChatModel model) {
        Optional<ChatModel> online = config.llm().apiKey().filter(k -> !k.isBlank()).map(k -> model);
        if (online.isPresent()) {
            LOG.infof("Free text goes to model %s at %s", config.llm().model(), config.llm().baseUrl());
        } else {
            LOG.info("No model configured (ERRAND_LLM_API_KEY): offline mode, slash commands only");
        }
        ErrandConfig.Llm llm = config.llm();
        return new Agent(catalog, executor, new PolicyEngine(), online,
                new LlmAgent.Limits(llm.maxModelCalls(), llm.maxPlans(), llm.maxStepsPerPlan()));
    }
}
