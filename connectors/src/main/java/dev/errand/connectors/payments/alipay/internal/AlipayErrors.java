package dev.errand.connectors.payments.alipay.internal;

import dev.errand.connectors.payments.PaymentNotFoundException;
import dev.errand.connectors.payments.PaymentsException;
import dev.errand.connectors.payments.PaymentsRejectedException;
import dev.errand.connectors.payments.PaymentsUnavailableException;
import dev.errand.connectors.payments.RefundRefusedException;
import dev.errand.connectors.payments.RefundRefusedException.Reason;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;

/** The one place gateway codes become typed exceptions. */
public final class AlipayErrors {

    private AlipayErrors() {
    }

    /** A failed {@code alipay.trade.refund} that is not an unknown outcome. */
    public static PaymentsException refundFailure(AlipayReply reply, OrderId orderId, Money amount) {
        String sub = reply.subCode();
        switch (sub) {
            case "ACQ.TRADE_NOT_EXIST":
                return new PaymentNotFoundException(orderId);
            case "ACQ.TRADE_STATUS_ERROR":
            case "ACQ.TRADE_HAS_CLOSE":
            case "ACQ.TRADE_HAS_FINISHED":
            case "ACQ.TRADE_NOT_ALLOW_REFUND":
                return new RefundRefusedException(Reason.NOT_REFUNDABLE, "the payment of order " + orderId
                        + " cannot be refunded: the trade is unpaid, closed or finished (" + sub + ")");
            case "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL":
                return new RefundRefusedException(Reason.AMOUNT_ABOVE_REMAINING, "refunding " + amount
                        + " on order " + orderId + " is more than what is left of its payment (" + sub + ")");
            case "ACQ.REASON_TRADE_REFUND_FEE_ERR":
                return new RefundRefusedException(Reason.INVALID_AMOUNT, "the payment platform does not accept "
                        + amount + " as a refund amount for order " + orderId + " (" + sub + ")");
            case "ACQ.DISCORDANT_REPEAT_REQUEST":
                return new RefundRefusedException(Reason.DISCORDANT_REPEAT, "this refund request was already made "
                        + "for order " + orderId + " with another amount; nothing more was refunded (" + sub + ")");
            case "ACQ.SELLER_BALANCE_NOT_ENOUGH":
                return new RefundRefusedException(Reason.MERCHANT_BALANCE_TOO_LOW, "the merchant account's balance "
                        + "cannot cover refunding " + amount + " on order " + orderId + " now (" + sub + ")");
            default:
                return rejected(reply);
        }
    }

    /** A failed query that is not an unknown outcome. */
    public static PaymentsException queryFailure(AlipayReply reply, OrderId orderId) {
        if ("ACQ.TRADE_NOT_EXIST".equals(reply.subCode())) {
            return new PaymentNotFoundException(orderId);
        }
        if (reply.outcomeUnknown()) {
            return unavailable(reply.method() + " answered a system error (" + reply.subCode() + ")", null);
        }
        return rejected(reply);
    }

    public static PaymentsUnavailableException unavailable(String message, Throwable cause) {
        return new PaymentsUnavailableException(message, cause);
    }

    private static PaymentsRejectedException rejected(AlipayReply reply) {
        String sub = reply.subCode().isEmpty() ? "code " + reply.code() : reply.subCode();
        return new PaymentsRejectedException(reply.code(), reply.subCode(), reply.method() + " was rejected: "
                + reply.code() + " " + reply.msg() + " (" + sub + ")");
    }
}
