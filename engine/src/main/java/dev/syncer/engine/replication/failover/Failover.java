package dev.syncer.engine.replication.failover;

import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.primary.ReplicaLink;
import dev.syncer.engine.server.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A coordinated switchover (FAILOVER, Redis 7.0), as a script of named steps:
 *
 * <ol>
 *   <li>{@link #begin}: checks passed; writes are paused (clients issuing them are parked);
 *   state {@code waiting-for-sync};</li>
 *   <li>{@link #update}: wait until the target (or, without TO, any replica) has acknowledged our
 *   whole stream, i.e. its ACK offset equals master_repl_offset — no GETACK is sent, the
 *   replica's 1 s ACK brings it; on timeout abort, or with FORCE go ahead anyway;</li>
 *   <li>{@link #demote}: state {@code failover-in-progress}: become a replica of the target, whose
 *   handshake then sends {@code PSYNC <our replid> <our offset+1> FAILOVER}, making the target
 *   promote itself;</li>
 *   <li>{@link #completed}: the target answered +CONTINUE (or +FULLRESYNC): writes resume and are
 *   refused as on any replica. Any other answer, or ABORT, ends in {@link #abort}: primary again.</li>
 * </ol>
 * Loop-confined.
 */
public final class Failover implements ReplicationContext.FailoverSignals {

    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    /** master_failover_state in INFO. */
    public enum State {
        NO_FAILOVER("no-failover"), WAIT_FOR_SYNC("waiting-for-sync"), FAILOVER_IN_PROGRESS("failover-in-progress");

        private final String info;

        State(String info) {
            this.info = info;
        }

        public String info() {
            return info;
        }
    }

    private record Parked(ClientSession session, byte[][] argv) {
    }

    private final FailoverContext repl;
    private State state = State.NO_FAILOVER;
    private String targetHost;
    private int targetPort;
    private long endMs;
    private boolean force;
    private final List<Parked> parked = new ArrayList<>();

    public Failover(FailoverContext repl) {
        this.repl = repl;
    }

    public State state() {
        return state;
    }

    /** True while the demoted primary's PSYNC to the target is under way. */
    public boolean inProgress() {
        return state == State.FAILOVER_IN_PROGRESS;
    }

    /** No ping is fed while a failover with a timeout holds writes (Redis does the same). */
    public boolean pausesPings() {
        return state != State.NO_FAILOVER && endMs != 0;
    }

    /** Step 1: validated by {@link FailoverCommand}; pause writes and start waiting. */
    void begin(String host, int port, long timeoutMs, boolean force) {
        this.targetHost = host;
        this.targetPort = port;
        this.force = force;
        this.endMs = timeoutMs > 0 ? repl.now() + timeoutMs : 0;
        this.state = State.WAIT_FOR_SYNC;
        log.info(host != null ? "FAILOVER requested to " + host + ":" + port + "." : "FAILOVER requested to any replica.");
    }

    /** Step 2 (every cron tick and every ACK): is the target caught up? Redis's updateFailoverStatus. */
    public void update() {
        if (state != State.WAIT_FOR_SYNC) {
            return;
        }
        long mro = repl.stream().masterReplOffset();
        if (endMs != 0 && endMs <= repl.now()) {
            if (force) {
                log.info("FAILOVER to {}:{} time out exceeded, failing over.", targetHost, targetPort);
                demote();
            } else {
                abort("Replica never caught up before timeout");
            }
            return;
        }
        ReplicaLink target = null;
        if (targetHost != null) {
            target = find(targetHost, targetPort);
        } else {
            for (ReplicaLink r : repl.replicas().all()) {
                if (r.ackOffset() == mro) {
                    target = r;
                    targetHost = r.ip();
                    targetPort = r.listeningPort();
                    break;
                }
            }
        }
        if (target != null && target.ackOffset() == mro) {
            log.info("Failover target {}:{} is synced, failing over.", targetHost, targetPort);
            demote();
        }
    }

    /** Step 3: become a replica of the target; the handshake carries the FAILOVER flag. */
    private void demote() {
        state = State.FAILOVER_IN_PROGRESS;
        repl.setPrimary(targetHost, targetPort, SyncCause.FAILOVER);
    }

    /** Step 4: the target accepted our PSYNC: resume the paused clients (now on a replica). */
    public void completed() {
        log.info("FAILOVER to {}:{} completed.", targetHost, targetPort);
        clear();
    }

    /** Any failure or FAILOVER ABORT: back to primary if we had already turned, then resume. */
    public void abort(String reason) {
        if (state == State.NO_FAILOVER) {
            return;
        }
        log.info(targetHost != null ? "FAILOVER to " + targetHost + ":" + targetPort + " aborted: " + reason
                : "FAILOVER to any replica aborted: " + reason);
        if (state == State.FAILOVER_IN_PROGRESS) {
            repl.promote("failover aborted");
        }
        clear();
    }

    private void clear() {
        state = State.NO_FAILOVER;
        targetHost = null;
        targetPort = 0;
        endMs = 0;
        force = false;
        List<Parked> resume = List.copyOf(parked);
        parked.clear();
        for (Parked p : resume) { // they run again now; on a replica their writes get READONLY
            p.session().unblock(reply -> repl.shard().dispatcher().execute(p.session(), p.argv(), reply));
        }
    }

    /**
     * The write pause (a dispatcher gate): while a failover runs, a client's write — or EXEC with
     * commands queued — parks the client until the failover ends.
     */
    public String holdWrite(CommandSpec spec, ClientSession session, byte[][] argv) {
        if (state == State.NO_FAILOVER || session.kind() != ClientSession.Kind.NORMAL || session.channel() == null) {
            return null; // only connections can be parked; an internal client runs as usual
        }
        boolean write = spec.has(CommandFlag.WRITE) || (spec.name().equals("exec") && session.multiQueueSize() > 0);
        if (!write) {
            return null;
        }
        session.block();
        parked.add(new Parked(session, argv));
        return "";
    }

    /** Redis's findReplica: by announced (or peer) IP and listening port. */
    ReplicaLink find(String host, int port) {
        for (ReplicaLink r : repl.replicas().all()) {
            if (r.ip().equalsIgnoreCase(host) && r.listeningPort() == port) {
                return r;
            }
        }
        return null;
    }
}
