package dev.errand.connectors.payments.alipay;

import dev.errand.connectors.sdk.OutgoingRequest;
import dev.errand.connectors.sdk.RequestSigner;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Alipay's RSA2 request signature as the connector SDK's {@link RequestSigner}: before each attempt it
 * stamps {@code sign_type=RSA2} and a fresh {@code timestamp} (GMT+8) into the query, signs query and form
 * parameters together ({@code sign_type} included, empty values dropped, sorted, raw values) with the app's
 * PKCS#8 key, and adds {@code sign} to the query.
 */
public final class AlipayRequestSigner implements RequestSigner {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset GMT_PLUS_8 = ZoneOffset.ofHours(8);

    private final PrivateKey appPrivateKey;
    private final Clock clock;

    public AlipayRequestSigner(PrivateKey appPrivateKey, Clock clock) {
        this.appPrivateKey = Objects.requireNonNull(appPrivateKey, "appPrivateKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void sign(OutgoingRequest request) {
        request.query().remove("sign");
        request.query().put("sign_type", "RSA2");
        request.query().put("timestamp", TIMESTAMP.format(clock.instant().atOffset(GMT_PLUS_8)));
        Map<String, String> all = new LinkedHashMap<>(request.query());
        all.putAll(request.form());
        request.query().put("sign", AlipaySignatures.signRequest(all, appPrivateKey));
    }

    @Override
    public String toString() {
        return "AlipayRequestSigner[RSA2]";
    }
}
