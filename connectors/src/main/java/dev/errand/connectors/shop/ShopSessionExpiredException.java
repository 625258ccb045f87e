package dev.errand.connectors.shop;

/**
 * The shop no longer accepts the seller's session token (expired, revoked, or another seller's): nothing
 * works until an admin authorizes the app again and sets the new token in {@code ERRAND_SHOP_SESSION}.
 * Never retried.
 */
public final class ShopSessionExpiredException extends ShopRejectedException {

    public ShopSessionExpiredException(String code, String subCode, String requestId) {
        super(code, subCode, "the shop session has expired or is invalid; renew ERRAND_SHOP_SESSION", requestId);
    }

    @Override
    public String userMessage() {
        return "the shop session has expired: an admin must authorize Errand in the shop again and set the new"
                + " session token in ERRAND_SHOP_SESSION";
    }
}
