package dev.errand.connectors.sdk;

/**
 * Where a side-effecting call's idempotency key goes on the wire, applied before signing so the signature
 * covers it. Use a factory, or write one for keys nested in a body (e.g. a JSON {@code biz_content}).
 */
@FunctionalInterface
public interface IdempotencyKeyPlacement {

    void place(OutgoingRequest request, String key);

    static IdempotencyKeyPlacement header(String name) {
        return (request, key) -> request.headers().put(name, key);
    }

    static IdempotencyKeyPlacement queryParam(String name) {
        return (request, key) -> request.query().put(name, key);
    }

    static IdempotencyKeyPlacement formParam(String name) {
        return (request, key) -> request.form().put(name, key);
    }
}
