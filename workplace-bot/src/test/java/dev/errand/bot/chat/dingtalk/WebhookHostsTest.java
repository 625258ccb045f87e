package dev.errand.bot.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookHostsTest {
    private final WebhookHosts hosts = new WebhookHosts(List.of("oapi.dingtalk.com", " localhost:8089 "));

    @Test
    void should_allow_the_dingtalk_host_over_https() {
        assertThat(hosts.refusal("https://oapi.dingtalk.com/robot/sendBySession?session=0a1b")).isNull();
        assertThat(hosts.refusal("https://OAPI.dingtalk.com:443/robot/sendBySession")).isNull();
    }

    @Test
    void should_allow_a_listed_host_and_port_over_http() {
        assertThat(hosts.refusal("http://localhost:8089/robot/sendBySession?session=x")).isNull();
    }

    @Test
    void should_refuse_plain_http_to_a_host_listed_without_port() {
        assertThat(hosts.refusal("http://oapi.dingtalk.com/robot/sendBySession")).contains("not in");
    }

    @Test
    void should_refuse_other_hosts_ports_and_schemes() {
        assertThat(hosts.refusal("https://evil.example/x")).isEqualTo(
                "sessionWebhook host 'evil.example' is not in ERRAND_DINGTALK_WEBHOOK_HOSTS");
        assertThat(hosts.refusal("http://localhost:8090/x")).contains("'localhost:8090'");
        assertThat(hosts.refusal("http://169.254.169.254/latest/meta-data")).contains("169.254.169.254");
        assertThat(hosts.refusal("file:///etc/passwd")).isEqualTo("sessionWebhook is not a plain http(s) URL");
        assertThat(hosts.refusal("https://user@oapi.dingtalk.com/x")).isEqualTo("sessionWebhook is not a plain http(s) URL");
    }

    @Test
    void should_refuse_a_host_that_only_starts_like_an_allowed_one() {
        assertThat(hosts.refusal("https://oapi.dingtalk.com.evil.example/x")).isNotNull();
    }

    @Test
    void should_explain_missing_or_malformed_urls() {
        assertThat(hosts.refusal(null)).isEqualTo("sessionWebhook is missing");
        assertThat(hosts.refusal("http://exa mple.com/")).isEqualTo("sessionWebhook is not a valid URL");
    }
}
