package dev.syncer.views.model.port;

import java.util.Locale;

/** A syncer's health as the lab reports it. */
public enum SyncerState {
    /** Streaming, within its lag budget. */
    IN_SYNC,
    /** Handshaking, receiving an RDB or catching up. */
    SYNCING,
    /** Not connected to its source, or stopped. */
    OUT_OF_SYNC;

    /** As the lab reports it: "in-sync", "syncing", "out-of-sync". */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
