package dev.errand.connectors.payments;

import dev.errand.connectors.FailureKind;
import dev.errand.connectors.shop.OrderId;

/**
 * Whether a refund was made could not be learned within the attempts allowed (timeouts, system errors,
 * unanswered queries). Retryable: asking again with the same request number refunds at most once.
 */
public final class RefundOutcomeUnknownException extends PaymentsException {
    private final OrderId orderId;
    private final String requestNo;

    public RefundOutcomeUnknownException(OrderId orderId, String requestNo, Throwable cause) {
        super("refund of order " + orderId + " under request " + requestNo + " has an unknown outcome", true, cause);
        this.orderId = orderId;
        this.requestNo = requestNo;
    }

    public OrderId orderId() {
        return orderId;
    }

    /** The platform's {@code out_request_no} the refund was asked under. */
    public String requestNo() {
        return requestNo;
    }

    @Override
    public String userMessage() {
        return "the payment platform did not confirm whether the refund of order " + orderId + " was made "
                + "(request " + requestNo + "); trying again is safe, it will not refund twice";
    }

    @Override
    public FailureKind kind() {
        return FailureKind.UNAVAILABLE;
    }
}
