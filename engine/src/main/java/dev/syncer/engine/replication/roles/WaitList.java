package dev.syncer.engine.replication.roles;

import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.ClientSession;

import java.util.ArrayList;
import java.util.List;

/**
 * Clients parked in WAIT until enough replicas acknowledged their offset, or their timeout
 * passes (Redis's clients_waiting_acks). The loop never waits: a parked client's reply is
 * written when an ACK or the cron releases it. While any client waits, the stream carries
 * REPLCONF GETACK * once per loop turn so replicas answer promptly. Loop-confined.
 */
final class WaitList {

    private record Waiter(ClientSession session, long offset, int replicas, long deadlineMs) {
    }

    private static final byte[][] GETACK = RespEncoding.argv("REPLCONF", "GETACK", "*");

    private final Replication repl;
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean getAckScheduled;

    WaitList(Replication repl) {
        this.repl = repl;
    }

    /** Parks session until numReplicas acknowledged offset; timeoutMs 0 waits forever. */
    void park(ClientSession session, long offset, int numReplicas, long timeoutMs) {
        session.block();
        waiters.add(new Waiter(session, offset, numReplicas, timeoutMs == 0 ? Long.MAX_VALUE : repl.now() + timeoutMs));
        requestAcks();
    }

    /** Redis's replicationRequestAckFromSlaves: one GETACK per loop turn, however many WAITs. */
    private void requestAcks() {
        if (getAckScheduled) {
            return;
        }
        getAckScheduled = true;
        repl.shard().loop().execute(() -> {
            getAckScheduled = false;
            // no GETACK while clients are paused: it would grow the backlog (beforeSleep's rule)
            if (!waiters.isEmpty() && !repl.failover().pausesPings() && !repl.shard().clientPause().paused()) {
                repl.stream().propagateWithoutDb(GETACK);
            }
        });
    }

    /** After an ACK: release the clients whose offset enough replicas reached. */
    void process() {
        for (Waiter w : List.copyOf(waiters)) {
            int acked = repl.replicas().acknowledged(w.offset());
            if (acked >= w.replicas()) {
                release(w, acked);
            }
        }
    }

    /** From the cron: release the clients whose timeout passed, with the count reached. */
    void expire() {
        long now = repl.now();
        for (Waiter w : List.copyOf(waiters)) {
            if (!w.session().channel().isActive()) {
                waiters.remove(w);
            } else if (now >= w.deadlineMs()) {
                release(w, repl.replicas().acknowledged(w.offset()));
            }
        }
    }

    /** The shard became a replica: every waiting client gets an error and is closed after it. */
    void unblockAll(String error) {
        for (Waiter w : List.copyOf(waiters)) {
            waiters.remove(w);
            w.session().closeAfterReply(true);
            w.session().unblock(reply -> reply.error(error));
        }
    }

    private void release(Waiter w, int acked) {
        waiters.remove(w);
        w.session().unblock(reply -> reply.integer(acked));
    }
}
