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

    Broker broker();

    Shop shop();

    Llm llm();

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
    }
}
