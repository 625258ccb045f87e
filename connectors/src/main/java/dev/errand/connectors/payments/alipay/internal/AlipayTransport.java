package dev.errand.connectors.payments.alipay.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one HTTP exchange the connector needs: POST a form to a URL, get status and raw body text. Kept
 * this small so the transport can be switched (to the connector SDK's client) without touching signing,
 * verification or outcome rules. An {@link IOException} (timeout, reset) means the outcome is unknown.
 */
public interface AlipayTransport {

    /** A raw answer; the body is kept as text because its signature covers the exact characters. */
    record RawResponse(int status, String body) {
    }

    RawResponse postForm(URI uri, String formBody, Duration timeout) throws IOException;

    /** The JDK's HttpClient. */
    static AlipayTransport jdk(Duration connectTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        return (uri, formBody, timeout) -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8))
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new RawResponse(response.statusCode(), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }
}
