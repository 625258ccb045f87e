package dev.errand.connectors.shop.taobao.internal;

import dev.errand.connectors.sdk.OutgoingRequest;
import dev.errand.connectors.sdk.RequestSigner;
import dev.errand.connectors.secret.Secret;
import dev.errand.connectors.shop.taobao.TopSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * TOP's signature as an SDK signer: query and form parameters together, digested as their
 * {@code sign_method} says (md5, hmac, hmac-sha256), added as the {@code sign} query parameter.
 */
public final class TopRequestSigner implements RequestSigner {
    private final Secret appSecret;

    public TopRequestSigner(Secret appSecret) {
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
    }

    @Override
    public void sign(OutgoingRequest request) {
        Map<String, String> all = new LinkedHashMap<>(request.query());
        all.putAll(request.form());
        all.remove("sign");
        request.query().put("sign", TopSigner.sign(all, appSecret.reveal()));
    }

    @Override
    public String toString() {
        return "TopRequestSigner[appSecret=" + appSecret + "]";
    }
}
