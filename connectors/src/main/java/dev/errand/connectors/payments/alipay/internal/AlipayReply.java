package dev.errand.connectors.payments.alipay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A verified gateway answer: the common fields and the whole {@code *_response} value. */
public record AlipayReply(String method, String code, String msg, String subCode, String subMsg, JsonNode fields) {
    private static final Set<String> UNKNOWN_SUB_CODES = Set.of("ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR",
            "isp.unknow-error", "aop.unknow-error");

    static AlipayReply of(String method, JsonNode fields) {
        return new AlipayReply(method, text(fields, "code"), text(fields, "msg"), text(fields, "sub_code"),
                text(fields, "sub_msg"), fields);
    }

    /** {@code 10000} without a {@code sub_code}: accepted (the business result is still in the fields). */
    public boolean accepted() {
        return "10000".equals(code) && subCode.isEmpty();
    }

    /** The platform does not know whether it acted (system error): query, then retry the same request. */
    public boolean outcomeUnknown() {
        return "20000".equals(code) || UNKNOWN_SUB_CODES.contains(subCode);
    }

    public String field(String name) {
        return text(fields, name);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() ? value.asText() : "";
    }
}
