package dev.syncer.engine.replication.replica;

/**
 * Where a replica's link to its primary stands, in the order Redis's syncWithMaster walks it
 * (server.h repl_state). INFO sync shows the name; ROLE shows {@link #roleName()}.
 */
public enum ReplState {
    /** Not a replica. */
    NONE,
    /** Waits for the next cron tick to connect (just configured, or retrying after a failure). */
    CONNECT,
    /** Waits for the TCP connection to the primary to open. */
    CONNECTING,
    /** Waits for the reply to PING (+PONG, or -NOAUTH which is fine: AUTH follows). */
    RECEIVE_PING_REPLY,
    /** Writes AUTH, REPLCONF listening-port, ip-address and capa back to back (transient). */
    SEND_HANDSHAKE,
    /** Waits for the reply to AUTH (skipped without masterauth). */
    RECEIVE_AUTH_REPLY,
    /** Waits for the reply to REPLCONF listening-port. */
    RECEIVE_PORT_REPLY,
    /** Waits for the reply to REPLCONF ip-address (skipped without replica-announce-ip). */
    RECEIVE_IP_REPLY,
    /** Waits for the reply to REPLCONF capa eof capa psync2. */
    RECEIVE_CAPA_REPLY,
    /** Writes PSYNC with the cached replid and offset+1, or "? -1" (transient). */
    SEND_PSYNC,
    /** Waits for +FULLRESYNC, +CONTINUE or an error (empty keepalive lines are skipped). */
    RECEIVE_PSYNC_REPLY,
    /** Waits for the RDB payload to arrive (and then loads it). */
    TRANSFER,
    /** Applies the primary's command stream. */
    CONNECTED,
    /**
     * Waits for REPLICAOF: a command from the primary could not be applied, so this dataset is no
     * longer the primary's; the link stays down rather than acknowledge past it (beyond Redis,
     * whose replica only logs such errors by default: propagation-error-behavior ignore).
     */
    DIVERGED;

    /** True from the PING reply to the PSYNC reply (Redis's slaveIsInHandshakeState). */
    public boolean inHandshake() {
        return ordinal() >= RECEIVE_PING_REPLY.ordinal() && ordinal() <= RECEIVE_PSYNC_REPLY.ordinal();
    }

    /** ROLE's state word: none, connect, connecting, handshake, sync, connected. */
    public String roleName() {
        if (inHandshake()) {
            return "handshake";
        }
        return switch (this) {
            case NONE -> "none";
            case CONNECT -> "connect";
            case CONNECTING -> "connecting";
            case TRANSFER -> "sync";
            case CONNECTED -> "connected";
            case DIVERGED -> "diverged";
            default -> "handshake";
        };
    }
}
