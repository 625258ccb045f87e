package dev.errand.connectors.shop.taobao.internal;

import dev.errand.connectors.FailureKind;
import dev.errand.connectors.shop.ShopException;
import dev.errand.connectors.shop.ShopRejectedException;
import dev.errand.connectors.shop.ShopSessionExpiredException;
import dev.errand.connectors.shop.ShopUnavailableException;
import java.util.Locale;
import java.util.Set;

/** An {@code error_response} from TOP, classified by code and sub_code (see protocols/taobao-top.md §5). */
public final class TopError extends Exception {
    private static final Set<String> TRANSIENT_CODES = Set.of("7", "8", "10");
    /** 7 App Call Limited, 8 App Call Exceeds Limited Frequency. */
    private static final Set<String> CALL_LIMIT_CODES = Set.of("7", "8");
    /** 26 Missing Session, 27 Invalid Session (expired or revoked): the admin must authorize again. */
    private static final Set<String> SESSION_CODES = Set.of("26", "27");

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

    /** {@code isp.*} and call limits: retried with backoff. {@code isv.*} never, whatever the code. */
    public boolean isTransient() {
        return !subCode.startsWith("isv.") && (TRANSIENT_CODES.contains(code) || subCode.startsWith("isp."));
    }

    public boolean isCallLimit() {
        return CALL_LIMIT_CODES.contains(code) || subCode.startsWith("accesscontrol.limited");
    }

    /** Keyed on code 26/27 (the sub_code for an expired session varies, see protocols/taobao-top.md §5). */
    public boolean isSessionExpired() {
        String s = subCode.toLowerCase(Locale.ROOT);
        return SESSION_CODES.contains(code) || s.contains("session-expired") || s.contains("invalid-sessionkey");
    }

    /** 25 Invalid Signature: our secret or signer is wrong. */
    public boolean isBadSignature() {
        return "25".equals(code);
    }

    /** The kind of failure, for the SDK's metrics. */
    public FailureKind kind() {
        if (isCallLimit()) {
            return FailureKind.RATE_LIMITED;
        }
        if (isTransient()) {
            return FailureKind.UNAVAILABLE;
        }
        if (isNotFound()) {
            return FailureKind.NOT_FOUND;
        }
        return isBadSignature() ? FailureKind.BAD_SIGNATURE : FailureKind.REJECTED;
    }

    public String code() {
        return code;
    }

    public String subCode() {
        return subCode;
    }

    public ShopException toShopException() {
        if (isTransient()) {
            String what = isCallLimit() ? "shop is throttling Errand's calls" : "shop is unavailable";
            return new ShopUnavailableException(what + ": TOP code " + code + " (" + msg + "), sub_code "
                    + subCode + ", request_id " + requestId, null);
        }
        if (isSessionExpired()) {
            return new ShopSessionExpiredException(code, subCode, requestId.isEmpty() ? null : requestId);
        }
        String reason = subMsg.isEmpty() ? msg : subMsg;
        return new ShopRejectedException(code, subCode, reason, requestId.isEmpty() ? null : requestId);
    }
}
