/**
 * The connector SDK: one {@link dev.errand.connectors.sdk.ConnectorClient} per connector gives signed HTTP
 * calls, timeouts, retries with backoff and jitter, a circuit breaker, a rate limit, idempotency keys,
 * typed errors and metrics. A connector declares its {@link dev.errand.connectors.sdk.Operation}s and
 * writes only the mapping of its requests and answers.
 */
package dev.errand.connectors.sdk;
