/** The SDK's implementation; nothing here is a compatible API. */
package dev.errand.connectors.sdk.internal;
