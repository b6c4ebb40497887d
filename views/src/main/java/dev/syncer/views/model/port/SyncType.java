package dev.syncer.views.model.port;

import java.util.Locale;

/** The two ways a replica or syncer catches up. */
public enum SyncType {
    /** {@code +FULLRESYNC}: an RDB snapshot then the stream. */
    FULL,
    /** {@code +CONTINUE}: the stream from the backlog. */
    PARTIAL;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
