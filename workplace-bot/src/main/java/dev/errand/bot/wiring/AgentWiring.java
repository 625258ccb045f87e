package dev.errand.bot.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.agent.Agent;
import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.bot.config.ErrandConfig;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.connectors.shop.taobao.TaobaoShopConnector;
import dev.errand.connectors.shop.taobao.TopSettings;
import dev.errand.tools.documents.SearchDocumentsTool;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.errand.tools.payments.RefundPaymentTool;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the agent from configuration: connectors (real or demo), tools, catalog, executor, model. */
@ApplicationScoped
public class AgentWiring {
    private static final Logger LOG = Logger.getLogger(AgentWiring.class);

    @Inject
    ErrandConfig config;

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
                Secret.of(shop.appSecret().get()), Secret.of(shop.session().get()), shop.timeout()));
    }

    @Produces
    @ApplicationScoped
    PaymentsConnector payments() {
        return new DemoPaymentsConnector();
    }

    @Produces
    @ApplicationScoped
    ToolCatalog catalog(ShopConnector shop, PaymentsConnector payments, SearchDocumentsTool searchDocuments) {
        return new ToolCatalog(List.of(new GetOrderTool(shop), new GetPaymentTool(payments),
                new RefundPaymentTool(payments), searchDocuments));
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
