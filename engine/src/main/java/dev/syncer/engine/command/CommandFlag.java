package dev.syncer.engine.command;

/** What the dispatcher needs to know about a command before running it (as Redis's CMD_* flags). */
public enum CommandFlag {
    /** Changes data: refused on a read-only replica, propagated to replicas when it changed something. */
    WRITE,
    READONLY,
    ADMIN,
    /** Runs before AUTH (AUTH, HELLO, QUIT). */
    NO_AUTH,
    /** Allowed while a replica's link to its primary is down and replica-serve-stale-data is no. */
    STALE,
    /** Executes immediately even inside MULTI (EXEC, DISCARD, MULTI, QUIT). */
    NO_QUEUE,
    /** May grow memory (refused above maxmemory; informative for COMMAND). */
    DENYOOM,
    FAST,
    /** Read-only, yet may change data it then propagates (PFCOUNT refreshing its cached cardinality). */
    MAY_REPLICATE,
    /** May delete random keys it meets expired (SCAN, RANDOMKEY): those DELs are not wrapped in MULTI. */
    TOUCHES_ARBITRARY_KEYS
}
