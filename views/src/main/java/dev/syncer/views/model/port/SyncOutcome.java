package dev.syncer.views.model.port;

/** How a sync ended. */
public enum SyncOutcome {
    /** The receiver is streaming. */
    OK,
    /** The link dropped, the RDB failed to load, the PSYNC was refused with an error… */
    FAILED
}
