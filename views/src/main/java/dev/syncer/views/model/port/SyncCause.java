package dev.syncer.views.model.port;

import java.util.Locale;

/**
 * Why a sync happened: the closed vocabulary of SYNCEVENTS' {@code cause} field. Numbers never
 * live here (they go to {@link SyncReport#detail()}), so the timeline can filter on a cause.
 *
 * <p>Primary side (why the PSYNC ended the way it did): {@link #NEW_REPLICA}, {@link #UNKNOWN_REPLID},
 * {@link #OFFSET_OUT_OF_BACKLOG}, {@link #OFFSET_BEYOND_HISTORY}, {@link #NO_BACKLOG},
 * {@link #FAILOVER}, {@link #RECONNECT}. Replica side (why it asked): {@link #STARTUP},
 * {@link #MANUAL_REPLICAOF}, {@link #LINK_DROP}, {@link #RESTART_FROM_RDB}, {@link #FAILOVER}.
 * A word the console does not know reads as {@link #OTHER}.
 */
public enum SyncCause {
    NEW_REPLICA("new-replica", "new replica"),
    UNKNOWN_REPLID("unknown-replid", "unknown replid"),
    OFFSET_OUT_OF_BACKLOG("offset-out-of-backlog", "offset out of backlog"),
    OFFSET_BEYOND_HISTORY("offset-beyond-history", "offset beyond history"),
    NO_BACKLOG("no-backlog", "no backlog"),
    FAILOVER("failover", "failover"),
    RECONNECT("reconnect", "reconnect"),
    STARTUP("startup", "startup"),
    MANUAL_REPLICAOF("manual-replicaof", "REPLICAOF"),
    LINK_DROP("link-drop", "link drop"),
    RESTART_FROM_RDB("restart-from-rdb", "restart from RDB"),
    /** The replica could not apply a command from its primary and stopped there. */
    DIVERGED("diverged", "diverged"),
    /** A cause this console does not know (a newer or foreign shard); the word is kept in the detail. */
    /** A syncer's own: it restarted, its cluster failed over, or its source refused a partial sync. */
    RESTART("restart", "restart"),
    LOCAL_FAILOVER("local-failover", "local failover"),
    PARTIAL_REFUSED("partial-refused", "partial refused"),
    OTHER("other", "other");

    private final String wire;
    private final String display;

    SyncCause(String wire, String display) {
        this.wire = wire;
        this.display = display;
    }

    /** The word SYNCEVENTS sends. */
    public String wire() {
        return wire;
    }

    /** The words the console shows. */
    public String display() {
        return display;
    }

    /** The cause SYNCEVENTS names by {@code word}; {@link #OTHER} for any other word. */
    public static SyncCause fromWire(String word) {
        String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        for (SyncCause c : values()) {
            if (c.wire.equals(w)) {
                return c;
            }
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return display;
    }
}
