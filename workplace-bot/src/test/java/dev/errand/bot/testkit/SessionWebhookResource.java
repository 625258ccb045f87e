package dev.errand.bot.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A DingTalk session webhook served by WireMock (protocols/dingtalk.md §3b), plus the settings that
 * point Errand at it: the robot's secret and the allowed webhook host.
 */
public class SessionWebhookResource implements QuarkusTestResourceLifecycleManager {
    public static final String PATH = "/robot/sendBySession";
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        return Map.of(
                "errand.dingtalk.app-secret", DingTalkFixtures.SECRET,
                "errand.dingtalk.webhook-hosts", "oapi.dingtalk.com,localhost:" + server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    /** A session webhook URL on the allowed fake host, unique per conversation. */
    public static String webhookUrl(String session) {
        return "http://localhost:" + server.port() + PATH + "?session=" + session;
    }
}
