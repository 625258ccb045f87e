package dev.errand.tools.orders;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.TraceStep;
import dev.errand.tools.ToolResult;
import java.util.List;
import java.util.Objects;

/**
 * Result of {@code get_logistics}.
 *
 * @param shipped whether the parcel has left the seller; without it the other fields are empty
 */
public record LogisticsSummary(OrderId orderId, boolean shipped, String carrier, String waybillNo, String status,
        List<TraceStep> steps, DataOrigin origin) implements ToolResult {

    public LogisticsSummary {
        Objects.requireNonNull(orderId, "orderId");
        carrier = carrier == null ? "" : carrier;
        waybillNo = waybillNo == null ? "" : waybillNo;
        status = status == null ? "" : status;
        steps = List.copyOf(steps);
    }

    public static LogisticsSummary of(LogisticsTrace trace, DataOrigin origin) {
        return new LogisticsSummary(trace.orderId(), trace.shipped(), trace.carrier(), trace.waybillNo(), trace.status(),
                trace.steps(), origin);
    }

    @Override
    public String title() {
        return "Parcel of order " + orderId;
    }

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title()).append('\n');
        if (!shipped) {
            return md.append("Not shipped yet.\n").toString();
        }
        md.append("- Carrier: ").append(carrier.isEmpty() ? "unknown" : carrier);
        if (!waybillNo.isEmpty()) {
            md.append(", waybill ").append(waybillNo);
        }
        md.append('\n');
        if (!status.isEmpty()) {
            md.append("- Status: ").append(status).append('\n');
        }
        if (steps.isEmpty()) {
            md.append("- No steps reported by the carrier yet\n");
        } else {
            md.append("- Steps (GMT+8):\n");
            for (TraceStep step : steps) {
                md.append("  - ").append(ShopTimes.show(step.time())).append(' ').append(step.description()).append('\n');
            }
        }
        return md.toString();
    }
}
