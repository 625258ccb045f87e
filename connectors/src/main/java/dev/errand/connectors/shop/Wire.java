package dev.errand.connectors.shop;

/** Reads a platform's status text into an enum whose constants carry the platform's names. */
final class Wire {
    private Wire() {
    }

    static <E extends Enum<E>> E lookup(Class<E> type, String wire, E unknown) {
        if (wire == null) {
            return unknown;
        }
        for (E constant : type.getEnumConstants()) {
            // exact names only: the platform's values are upper case, and UNKNOWN is ours, not the platform's
            if (constant != unknown && constant.name().equals(wire)) {
                return constant;
            }
        }
        return unknown;
    }
}
