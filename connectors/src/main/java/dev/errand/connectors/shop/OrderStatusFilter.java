package dev.errand.connectors.shop;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status an order listing is narrowed to: one platform trade status, or one of TOP's groups. Sent as
 * {@code status} of {@code taobao.trades.sold.get}; {@link TradeStatus#UNKNOWN} has no filter, on purpose.
 */
public enum OrderStatusFilter {
    TRADE_NO_CREATE_PAY(TradeStatus.TRADE_NO_CREATE_PAY),
    WAIT_BUYER_PAY(TradeStatus.WAIT_BUYER_PAY),
    SELLER_CONSIGNED_PART(TradeStatus.SELLER_CONSIGNED_PART),
    WAIT_SELLER_SEND_GOODS(TradeStatus.WAIT_SELLER_SEND_GOODS),
    WAIT_BUYER_CONFIRM_GOODS(TradeStatus.WAIT_BUYER_CONFIRM_GOODS),
    TRADE_BUYER_SIGNED(TradeStatus.TRADE_BUYER_SIGNED),
    TRADE_FINISHED(TradeStatus.TRADE_FINISHED),
    TRADE_CLOSED(TradeStatus.TRADE_CLOSED),
    TRADE_CLOSED_BY_TAOBAO(TradeStatus.TRADE_CLOSED_BY_TAOBAO),
    PAY_PENDING(TradeStatus.PAY_PENDING),
    WAIT_PRE_AUTH_CONFIRM(TradeStatus.WAIT_PRE_AUTH_CONFIRM),
    PAID_FORBID_CONSIGN(TradeStatus.PAID_FORBID_CONSIGN),
    /** Not paid yet: {@code WAIT_BUYER_PAY} and {@code TRADE_NO_CREATE_PAY}. */
    ALL_WAIT_PAY(TradeStatus.WAIT_BUYER_PAY, TradeStatus.TRADE_NO_CREATE_PAY),
    /** Closed either way: {@code TRADE_CLOSED} and {@code TRADE_CLOSED_BY_TAOBAO}. */
    ALL_CLOSED(TradeStatus.TRADE_CLOSED, TradeStatus.TRADE_CLOSED_BY_TAOBAO);

    private final Set<TradeStatus> matches;

    OrderStatusFilter(TradeStatus first, TradeStatus... more) {
        this.matches = EnumSet.of(first, more);
    }

    /** Whether an order in {@code status} passes this filter. */
    public boolean matches(TradeStatus status) {
        return matches.contains(status);
    }

    /** The value of TOP's {@code status} parameter. */
    public String wireName() {
        return name();
    }
}
