package dev.errand.bot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Errand's own settings, each also readable from an {@code ERRAND_*} environment variable
 * ({@code errand.shop.base-url} ↔ {@code ERRAND_SHOP_BASE_URL}). Secrets are never logged.
 */
@ConfigMapping(prefix = "errand")
public interface ErrandConfig {

    /** Where the embedded database and generated secrets live. */
    @WithDefault("./data")
    java.nio.file.Path dataDir();

    DingTalk dingtalk();

    Policy policy();

    Broker broker();

    Shop shop();

    Pay pay();

    Llm llm();

    Engine engine();

    Approval approval();

    Documents documents();

    /** The document index of this node. */
    interface Documents {
        /** How often this node's index catches up with documents written through other nodes. */
        @WithDefault("30s")
        Duration catchUpInterval();
    }

    /** Who may do what: tenants, roles, limits and employees. */
    interface Policy {
        /**
         * The policy file ({@code ERRAND_POLICY_FILE}). When absent, a built-in demo policy serves (tenant
         * {@code demo}) and the demo employees' API keys are generated into the data directory.
         */
        Optional<java.nio.file.Path> file();

        /** How often the policy file is checked for changes; a changed file is read again (a bad edit is refused). */
        @WithDefault("2s")
        Duration reloadInterval();
    }

    /** The durable engine's workers on this node. */
    interface Engine {
        /**
         * This node's name in run leases; must differ between nodes sharing a database. Default: random per
         * start with a server database, {@code embedded} with the embedded one (a restart then takes its
         * unfinished runs back at once instead of waiting for their leases to expire).
         */
        Optional<String> nodeId();

        /** Threads answering runs (the main lane). */
        @WithDefault("8")
        int workers();

        /** How long a claim holds without renewal: a dead node's runs are taken over after this. */
        @WithDefault("30s")
        Duration lease();

        /** How often due runs and timers are looked for when nothing wakes the workers. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Runs this node holds at once, answering and delivering together. */
        @WithDefault("2000")
        int maxHeld();

        Delivery delivery();
    }

    /** Posting replies to chat platforms: each platform has its own lane of threads. */
    interface Delivery {
        /** Threads per chat platform posting replies. */
        @WithDefault("32")
        int workers();

        /** Attempts to post one reply while the platform is unavailable or throttling, the first included. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("60s")
        Duration maxBackoff();
    }

    /** The message broker of the {@code server} profile. */
    interface Broker {
        /** Exchanges and queues are named {@code <prefix>.<channel>}, e.g. {@code errand.chat-inbound}. */
        @WithDefault("errand")
        String prefix();
    }

    /** The DingTalk enterprise robot (HTTP callback mode). */
    interface DingTalk {
        /**
         * The robot app's AppSecret; callbacks are verified with it. When absent, Errand generates one
         * into {@code <data-dir>/dingtalk-app-secret} so the embedded default works out of the box.
         */
        Optional<String> appSecret();

        /** Hosts (host or host:port) Errand may post session-webhook replies to. */
        @WithDefault("oapi.dingtalk.com,api.dingtalk.com")
        List<String> webhookHosts();

        /** How far a callback's timestamp may be from now. */
        @WithDefault("1h")
        Duration timestampWindow();
    }

    /** A Taobao-Open-Platform-style shop; the demo shop serves when {@code base-url} is absent. */
    interface Shop {
        /** The TOP router URL, e.g. https://gw.api.taobao.com/router/rest. */
        Optional<URI> baseUrl();

        Optional<String> appKey();

        Optional<String> appSecret();

        /** The seller's session (access token). */
        Optional<String> session();

        @WithDefault("15s")
        Duration timeout();
    }

    /**
     * An Alipay-style payment platform (gateway API, RSA2); the demo payments serve when none of these is
     * set, and a partial setting stops the start naming what is missing.
     */
    interface Pay {
        /** The full gateway URL ({@code ERRAND_PAY_BASE_URL}), e.g. https://openapi.alipay.com/gateway.do. */
        Optional<URI> baseUrl();

        /** The application id ({@code ERRAND_PAY_APP_ID}). */
        Optional<String> appId();

        /** The app's RSA private key, PKCS#8, PEM or bare base64 ({@code ERRAND_PAY_APP_PRIVATE_KEY}); never logged. */
        Optional<String> appPrivateKey();

        /** The platform's RSA public key, PEM or bare base64 ({@code ERRAND_PAY_PLATFORM_PUBLIC_KEY}). */
        Optional<String> platformPublicKey();

        /** The longest one gateway call may take. */
        @WithDefault("15s")
        Duration timeout();
    }

    /** An OpenAI-compatible model endpoint; offline mode when no API key is set. */
    interface Llm {
        /** Base URL including /v1. */
        @WithDefault("https://dashscope.aliyuncs.com/compatible-mode/v1")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("qwen-plus")
        String model();

        /** Model calls allowed for one request, tool rounds included. */
        @WithDefault("6")
        int maxModelCalls();

        /** Plans one request may submit: the first and its revisions after a refusal or a failed step. */
        @WithDefault("3")
        int maxPlans();

        /** Steps one plan may hold. */
        @WithDefault("10")
        int maxStepsPerPlan();
    }

    /** Human approval of plans above an employee's limits. */
    interface Approval {
        /** How long an approval waits for a decision; then it expires and the run ends without acting. */
        @WithDefault("24h")
        Duration ttl();
    }
}
