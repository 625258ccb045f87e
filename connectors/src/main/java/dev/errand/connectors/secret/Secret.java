package dev.errand.connectors.secret;

import java.util.Objects;

/** A credential (app secret, session token, API key) that never prints its value. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The raw value, for signing only; never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "****";
    }
}
