package dev.errand.connectors.shop;

/** The shop refused the request (bad signature, expired session, missing permission, bad argument). */
public final class ShopRejectedException extends ShopException {
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
