package dev.errand.connectors.shop;

/**
 * The shop refused the request (bad signature, missing permission, bad argument); an expired session is
 * the subclass {@link ShopSessionExpiredException}.
 */
public sealed class ShopRejectedException extends ShopException permits ShopSessionExpiredException {
    private final String code;
    private final String subCode;
    private final String requestId;
    private final String reason;

    public ShopRejectedException(String code, String subCode, String reason, String requestId) {
        super("shop rejected the request: " + reason + " (code " + code
                + (subCode == null || subCode.isEmpty() ? "" : ", sub_code " + subCode)
                + (requestId == null ? "" : ", request_id " + requestId) + ")", false, null);
        this.code = code;
        this.subCode = subCode;
        this.reason = reason;
        this.requestId = requestId;
    }

    @Override
    public dev.errand.connectors.FailureKind kind() {
        return dev.errand.connectors.FailureKind.REJECTED;
    }

    public String code() {
        return code;
    }

    public String subCode() {
        return subCode;
    }

    public String requestId() {
        return requestId;
    }

    @Override
    public String userMessage() {
        return "shop rejected the request: " + reason;
    }
}
