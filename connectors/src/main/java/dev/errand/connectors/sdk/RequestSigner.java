package dev.errand.connectors.sdk;

/**
 * Signs a request just before each attempt is sent: it sees the method, URL, query and form parameters,
 * headers and body, and adds its signature (a parameter or a header). TOP's MD5/HMAC and Alipay's RSA2
 * are implementations. It holds its key as a {@link dev.errand.connectors.secret.Secret} and never prints it.
 */
@FunctionalInterface
public interface RequestSigner {
    /** For systems that need no signature. */
    RequestSigner NONE = request -> { };

    void sign(OutgoingRequest request);
}
