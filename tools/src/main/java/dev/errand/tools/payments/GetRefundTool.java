package dev.errand.tools.payments;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.PaymentsConnector;
import dev.errand.connectors.payments.RefundStatus;
import dev.errand.connectors.shop.OrderId;
import dev.errand.money.Money;
import dev.errand.tools.AgentTool;
import dev.errand.tools.CatalogTool;
import dev.errand.tools.Description;
import dev.errand.tools.Matches;
import dev.errand.tools.SlashCommand;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import dev.errand.tools.ToolResult;
import java.util.Objects;

/** Looks up whether a refund of an order was made under a request number (Alipay's refund query). */
@CatalogTool
@SlashCommand(name = "refundstatus", summary = "whether a refund of an order went through, by its request number, "
        + "e.g. `/refundstatus 8812 run-3f2a-s1`")
public final class GetRefundTool implements AgentTool<GetRefundTool.Args, GetRefundTool.Result> {
    public static final ToolName NAME = ToolName.of("get_refund");

    /** Arguments of {@code get_refund}. */
    public record Args(
            @Description("The shop's order id that was refunded, e.g. 8812") OrderId orderId,
            @Description("The refund's request number, as shown on the refund (its idempotency key)")
            @Matches("^[A-Za-z0-9._-]{1,64}$") String requestNo) {
        public Args {
            Objects.requireNonNull(orderId, "orderId");
            if (requestNo == null || requestNo.isBlank()) {
                throw new IllegalArgumentException("requestNo must not be blank");
            }
        }
    }

    /**
     * Result of {@code get_refund}: {@code refunded} says whether the money went back; {@code tradeNo} and
     * {@code amount} are set only then.
     */
    public record Result(OrderId orderId, String requestNo, boolean refunded, String tradeNo, Money amount,
            DataOrigin origin) implements ToolResult {

        @Override
        public String title() {
            return "Refund " + requestNo + " of order " + orderId;
        }

        @Override
        public String markdown() {
            if (!refunded) {
                return "### Refund " + requestNo + " of order " + orderId + "\n"
                        + "- Status: no refund made under this request number (never asked, refused or not finished)\n";
            }
            return "### Refund " + requestNo + " of order " + orderId + "\n"
                    + "- Status: refunded\n"
                    + "- Amount: " + amount + "\n"
                    + "- Trade no: " + tradeNo + "\n";
        }
    }

    private final PaymentsConnector payments;

    public GetRefundTool(PaymentsConnector payments) {
        this.payments = payments;
    }

    @Override
    public ToolName name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Check whether a refund of a shop order was made, by the order id and the refund's request number.";
    }

    @Override
    public Class<Args> argumentsType() {
        return Args.class;
    }

    @Override
    public Class<Result> resultType() {
        return Result.class;
    }

    @Override
    public Result call(Args arguments, ToolContext context) {
        RefundStatus status = payments.refundStatus(arguments.orderId(), arguments.requestNo());
        if (status instanceof RefundStatus.Refunded refunded) {
            return new Result(arguments.orderId(), refunded.requestNo(), true, refunded.tradeNo(), refunded.amount(),
                    payments.origin());
        }
        return new Result(arguments.orderId(), status.requestNo(), false, null, null, payments.origin());
    }
}
