package dev.syncer.engine.lab;

import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.Shard;

import java.util.List;

/**
 * Holds a primary's replication stream still while it hands over: CLIENT PAUSE WRITE, and no PING
 * to its replicas (a long repl-ping-replica-period), as Redis's FAILOVER pauses both. The proxy's
 * pause alone holds only what clients send next: writes it had already read still land, and the
 * primary still pings and expires keys. A byte fed after the promoted replica caught up reaches
 * the siblings and the old primary's own offset but not the new primary's history, and every one
 * of them would then ask it for a partial sync beyond that history, and be given a full one.
 */
final class StreamHold implements AutoCloseable {

    /** Longer than any handover's wait: a lab that stops midway gets its writes back by itself. */
    private static final long PAUSE_MILLIS = 30_000;
    /** The ping's period meanwhile, in seconds: none comes before it is set back. */
    private static final String NO_PING = "1000000000";

    private final Shard shard;
    private final String pingPeriod;

    private StreamHold(Shard shard, String pingPeriod) {
        this.shard = shard;
        this.pingPeriod = pingPeriod;
    }

    /** Holds {@code primary}'s stream (its parked writes run, or fail on a replica, at {@link #close}). */
    static StreamHold of(LabShard primary) {
        Shard shard = primary.shard();
        Object got = LocalClient.callOk(shard, "CONFIG", "GET", "repl-ping-replica-period");
        String period = got instanceof List<?> l && l.size() == 2 ? RespReplyParser.text(l.get(1)) : "10";
        LocalClient.callOk(shard, "CONFIG", "SET", "repl-ping-replica-period", NO_PING);
        StreamHold hold = new StreamHold(shard, period);
        try {
            LocalClient.callOk(shard, "CLIENT", "PAUSE", Long.toString(PAUSE_MILLIS), "WRITE");
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
        return hold;
    }

    /** Lets the shard's clients and pings go on (unless it stopped meanwhile: a new start has neither). */
    @Override
    public void close() {
        if (shard.isClosed()) {
            return;
        }
        LocalClient.callOk(shard, "CLIENT", "UNPAUSE");
        LocalClient.callOk(shard, "CONFIG", "SET", "repl-ping-replica-period", pingPeriod);
    }
}
