package dev.errand.connectors.shop.taobao.internal;

import dev.errand.connectors.shop.ShopException;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.ShopUnavailableException;
import java.util.Locale;
import java.util.Set;

/** An {@code error_response} from TOP, classified by code and sub_code (see protocols/taobao-top.md §5). */
public final class TopError extends Exception {
    private static final Set<String> TRANSIENT_CODES = Set.of("7", "8", "10");

    private final String code;
    private final String msg;
    private final String subCode;
    private final String subMsg;
    private final String requestId;

    TopError(String code, String msg, String subCode, String subMsg, String requestId) {
        super("TOP error " + code + " " + subCode, null, false, false);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
        this.requestId = requestId;
    }

    /** TOP has no documented sub_code for a missing trade; the ones seen name it "not exist"/"not found". */
    public boolean isNotFound() {
        String s = subCode.toLowerCase(Locale.ROOT).replace('_', '-');
        return s.contains("not-exist") || s.contains("not-found") || s.contains("notexist");
    }

    public boolean isTransient() {
        return TRANSIENT_CODES.contains(code) || subCode.startsWith("isp.");
    }

    public ShopException toShopException() {
        if (isTransient()) {
            return new ShopUnavailableException("shop is unavailable: TOP code " + code + " (" + msg + "), sub_code "
                    + subCode + ", request_id " + requestId, null);
        }
        String reason = subMsg.isEmpty() ? msg : subMsg;
        return new ShopRejectedException(code, subCode, reason, requestId.isEmpty() ? null : requestId);
    }
}
