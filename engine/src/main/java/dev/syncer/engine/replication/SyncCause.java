package dev.syncer.engine.replication;

import java.util.Optional;

/**
 * Why a sync happened: the closed vocabulary of SYNCEVENTS' {@code cause} field (the table in
 * this package's documentation). Numbers and other particulars go to the event's {@code detail},
 * never into the cause, so a reader can select by cause.
 */
public enum SyncCause {
    // Primary side: what PSYNC's decision (masterTryPartialResynchronization) found.
    /** "PSYNC ? -1" or SYNC: a replica with no history. */
    NEW_REPLICA("new-replica"),
    /** The replica names a history this primary never had, or forgot. */
    UNKNOWN_REPLID("unknown-replid"),
    /** The bytes the replica lacks left the backlog, or were never written. */
    OFFSET_OUT_OF_BACKLOG("offset-out-of-backlog"),
    /** A past replid, asked beyond the point where our history left it. */
    OFFSET_BEYOND_HISTORY("offset-beyond-history"),
    /** This primary has no backlog. */
    NO_BACKLOG("no-backlog"),
    /** A partial sync the backlog could serve. */
    RECONNECT("reconnect"),

    // Either side: FAILOVER moved the primary role (PSYNC ... FAILOVER, or a demoted primary).
    FAILOVER("failover"),

    // Replica side: why the link (re)started.
    /** Configured as a replica at start-up (replicaof setting). */
    STARTUP("startup"),
    /** REPLICAOF / SLAVEOF. */
    MANUAL_REPLICAOF("manual-replicaof"),
    /** The connection to the primary was lost. */
    LINK_DROP("link-drop"),
    /** Restarted from an RDB that recorded where the replica was. */
    RESTART_FROM_RDB("restart-from-rdb"),
    /** A command from the primary could not be applied: the link stopped there (a failed event). */
    DIVERGED("diverged"),

    // Syncer side (Active-Active; also startup, link-drop, failover).
    /** A syncer restarted with its checkpoint. */
    RESTART("restart"),
    /** The local primary failed over or refused the syncer's writes. */
    LOCAL_FAILOVER("local-failover"),
    /** The source refused a partial sync from the checkpoint; detail says what led to it. */
    PARTIAL_REFUSED("partial-refused");

    private final String wire;

    SyncCause(String wire) {
        this.wire = wire;
    }

    /** The word SYNCEVENTS sends. */
    public String wire() {
        return wire;
    }

    public static Optional<SyncCause> fromWire(String word) {
        for (SyncCause c : values()) {
            if (c.wire.equals(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
