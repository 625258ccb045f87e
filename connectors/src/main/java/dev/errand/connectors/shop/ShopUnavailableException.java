package dev.errand.connectors.shop;

/** The shop could not answer now (throttled, platform fault, network); the same call may succeed later. */
public final class ShopUnavailableException extends ShopException {
    public ShopUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }

    @Override
    public dev.errand.connectors.FailureKind kind() {
        return dev.errand.connectors.FailureKind.UNAVAILABLE;
    }

    @Override
    public String userMessage() {
        return "the shop is not reachable right now, please try again later";
    }
}
