package dev.errand.connectors;

/** Where a connector's data comes from; replies built on {@link #DEMO} data must say so. */
public enum DataOrigin {
    /** Seeded demo data shipped with Errand, served when no real system is configured. */
    DEMO,
    /** The company's real system. */
    LIVE
}
