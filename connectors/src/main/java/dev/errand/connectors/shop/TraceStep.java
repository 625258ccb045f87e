package dev.errand.connectors.shop;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * One node of a parcel's journey as the carrier reports it.
 *
 * @param description the carrier's text, e.g. "Arrived at Hangzhou hub"
 * @param action the carrier's node code, e.g. {@code ARRIVE} or {@code SIGNED}; empty when not given
 */
public record TraceStep(@JsonFormat(shape = JsonFormat.Shape.STRING) Instant time, String description, String action) {
    public TraceStep {
        Objects.requireNonNull(time, "time");
        description = description == null ? "" : description;
        action = action == null ? "" : action;
    }
}
