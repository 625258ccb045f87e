package dev.errand.tools;

/** What calling a tool can change in the world; policy decides from this, never the model. */
public enum Risk {
    /** Reads data only. */
    READ_ONLY,
    /** Moves money (refunds, payouts): subject to amount limits and approval. */
    MOVES_MONEY
}
