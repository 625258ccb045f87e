package dev.errand.connectors.shop;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * Where an order's parcel is: the waybill, the carrier and its steps, oldest first. An order not shipped yet
 * has no waybill and no steps.
 *
 * @param waybillNo the carrier's tracking number ({@code out_sid}); empty when not shipped
 * @param status the carrier's summary of the parcel's state, as it words it; empty when not given
 */
public record LogisticsTrace(OrderId orderId, String waybillNo, String carrier, String status, List<TraceStep> steps) {
    public LogisticsTrace {
        Objects.requireNonNull(orderId, "orderId");
        waybillNo = waybillNo == null ? "" : waybillNo;
        carrier = carrier == null ? "" : carrier;
        status = status == null ? "" : status;
        steps = List.copyOf(steps);
    }

    /** The trace of an order that has not left the seller. */
    public static LogisticsTrace notShipped(OrderId orderId) {
        return new LogisticsTrace(orderId, "", "", "", List.of());
    }

    @JsonIgnore
    public boolean shipped() {
        return !waybillNo.isEmpty() || !steps.isEmpty();
    }
}
