package dev.syncer.engine.replication.failover;

import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.primary.ReplicaLink;
import dev.syncer.engine.server.ClientPause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinated switchover (FAILOVER, Redis 7.0), as a script of named steps:
 *
 * <ol>
 *   <li>{@link #begin}: checks passed; writes are paused through CLIENT PAUSE's mechanism (its
 *   FAILOVER purpose, type WRITE, no end: Redis's pauseClients(PAUSE_DURING_FAILOVER)), so a user's
 *   own CLIENT PAUSE composes with it and outlives it; state {@code waiting-for-sync};</li>
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

    private final FailoverContext repl;
    private State state = State.NO_FAILOVER;
    private String targetHost;
    private int targetPort;
    private long endMs;
    private boolean force;

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
        repl.shard().clientPause().pause(ClientPause.Purpose.FAILOVER, Long.MAX_VALUE, ClientPause.Type.WRITE);
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
        // Redis's clearFailoverState: the parked run again (on a replica their writes get READONLY)
        repl.shard().clientPause().unpause(ClientPause.Purpose.FAILOVER);
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
