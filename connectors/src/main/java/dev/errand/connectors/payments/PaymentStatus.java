package dev.errand.connectors.payments;

/** Trade status as Alipay names it. */
public enum PaymentStatus {
    WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_FINISHED
}
