package dev.errand.connectors.sdk;

import java.util.Objects;

/**
 * One kind of call a connector makes, declared once: its name (a metrics tag) and whether it only reads
 * or changes something. A side-effecting call is refused unless it carries the step's idempotency key,
 * which {@link #keyPlacement()} puts on the wire (a header by default, or a parameter the system knows).
 */
public record Operation(String name, Effect effect, IdempotencyKeyPlacement keyPlacement) {

    /** Whether a call may change something at the other end. */
    public enum Effect { READ_ONLY, SIDE_EFFECTING }

    public Operation {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("name must be 1-100 letters, digits, '_', '.', '-', was " + name);
        }
        Objects.requireNonNull(effect, "effect");
        if (effect == Effect.SIDE_EFFECTING) {
            Objects.requireNonNull(keyPlacement, "keyPlacement");
        }
    }

    /** A call that changes nothing; it may be retried freely. */
    public static Operation readOnly(String name) {
        return new Operation(name, Effect.READ_ONLY, null);
    }

    /** A call that changes something; its key travels in the {@code Idempotency-Key} header. */
    public static Operation sideEffecting(String name) {
        return sideEffecting(name, IdempotencyKeyPlacement.header("Idempotency-Key"));
    }

    /** A call that changes something; {@code placement} puts its key where the system reads it. */
    public static Operation sideEffecting(String name, IdempotencyKeyPlacement placement) {
        return new Operation(name, Effect.SIDE_EFFECTING, placement);
    }

    public boolean sideEffecting() {
        return effect == Effect.SIDE_EFFECTING;
    }
}
