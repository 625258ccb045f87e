package dev.errand.tools.payments;

import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.Refund;
import dev.errand.connectors.payments.RefundRequest;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.Matches;
import dev.errand.tools.RetryPolicy;
import dev.errand.tools.Risk;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Refunds (part of) an order's payment. Moves money: policy judges its amount before it runs, and the
 * refund carries the step's idempotency key, so a retried or re-executed step refunds once.
 */
@CatalogTool
@SlashCommand(name = "refund", summary = "refund (part of) an order's payment, e.g. `/refund 8812 20.00 CNY parcel lost`; "
        + "above your limit it waits for approval")
public final class RefundPaymentTool implements AgentTool<RefundPaymentTool.Args, RefundSummary> {
    public static final ToolName NAME = ToolName.of("refund_payment");
    static final int MAX_REASON_LENGTH = 256;

    /** Arguments of {@code refund_payment}. */
    public record Args(
            @Description("The shop's order id whose payment to refund, e.g. 8812") OrderId orderId,
            @Description("The amount to refund as a decimal string with at most two decimals, e.g. \"120.00\"")
            @Matches("^[0-9]{1,12}(\\.[0-9]{1,2})?$") String amount,
            @Description("ISO 4217 currency code of the amount, e.g. CNY") @Matches("^[A-Z]{3}$") String currency,
            @Description("Why the customer is refunded, shown to approvers and on the refund") String reason) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
            if (reason.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("reason must be at most " + MAX_REASON_LENGTH + " characters");
            }
            money(amount, currency);
        }

        /** The amount with its currency; positive, at most two decimals. */
        public Money money() {
            return money(amount, currency);
        }

        private static Money money(String amount, String currency) {
            BigDecimal value;
            try {
                value = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("amount '" + amount + "' is not a decimal number");
            }
            if (value.signum() <= 0) {
                throw new IllegalArgumentException("amount must be positive, was " + amount);
            }
            if (value.scale() > 2) {
                throw new IllegalArgumentException("amount " + amount + " has more than two decimals");
            }
            Currency code;
            try {
                code = Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code");
            }
            return new Money(value, code);
        }
    }

    /** A refund whose outcome is unknown is asked again with the same key: the platform refunds once. */
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));

    private final PaymentsConnector payments;

    public RefundPaymentTool(PaymentsConnector payments) {
        this.payments = payments;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Refund (part of) the payment of a shop order to the customer. Moves money: subject to the "
                + "employee's limits and, above them, to approval.";
    }

    @Override
    public Risk risk() {
        return Risk.MOVES_MONEY;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RETRY;
    }

    @Override
    public Optional<Money> moneyMoved(Args arguments) {
        return Optional.of(arguments.money());
    }

    @Override
    public RefundSummary call(Args arguments, ToolContext context) {
        Refund refund = payments.refund(new RefundRequest(arguments.orderId(), arguments.money(), arguments.reason(),
                context.idempotencyKey()));
        return new RefundSummary(refund.requestNo(), refund.orderId(), refund.tradeNo(), refund.amount(),
                refund.refundedTotal(), payments.origin());
    }
}
