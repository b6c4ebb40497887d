package dev.syncer.engine.lab;

import dev.syncer.engine.syncer.SyncerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What an operator can do to the lab, beyond what Redis has commands for: fail over, migrate,
 * crash, restart, add replicas, inject link faults. Each operation returns once the database has
 * settled; the syncs it caused are in the shards' own sync event logs (SYNCEVENTS), read over RESP
 * by whoever watches them.
 *
 * <p>Failover is orchestrated the way a cluster manager does it, through the database proxy: hold
 * client traffic (and the old primary's stream, see {@link StreamHold}), wait for the chosen
 * replica to catch up, promote it (REPLICAOF NO ONE), re-point
 * the old primary and the siblings to it (each resumes with a partial sync, since the promoted
 * replica keeps the old replication ID as replid2), then release traffic to the new primary.
 */
public final class LabOperations {

    private static final Logger log = LoggerFactory.getLogger(LabOperations.class);
    private static final long SETTLE_MILLIS = 20_000;
    private static final long CATCH_UP_MILLIS = 5_000;
    /** How long writes the proxy read just before it paused may take to land. */
    private static final long IN_FLIGHT_MILLIS = 500;

    private final Lab lab;

    LabOperations(Lab lab) {
        this.lab = lab;
    }

    /** An operation body; may throw to report failure. */
    @FunctionalInterface
    private interface Action {
        String run() throws Exception;
    }

    private synchronized OperationReport run(String name, DatabaseInstance instance, Action action) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = action.run();
            awaitLinksUp(instance, SETTLE_MILLIS);
            if (instance.activeActive()) {
                awaitSyncersStreaming(instance.database(), SETTLE_MILLIS);
            }
        } catch (Exception e) {
            log.warn("{} failed", name, e);
            outcome = "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
        OperationReport report = new OperationReport(name, Duration.ofNanos(System.nanoTime() - start), outcome);
        log.info("{}", report);
        return report;
    }

    // ---- failover ---------------------------------------------------------------------------

    /**
     * Promotes {@code replicaId} to primary of its database. Graceful unless {@code force}: client
     * traffic is held until the replica has every write of the old primary.
     */
    public OperationReport failover(String replicaId, boolean force) {
        LabShard target = lab.shard(replicaId);
        DatabaseInstance instance = lab.instanceOf(target);
        return run((force ? "forced failover to " : "failover to ") + replicaId, instance, () -> {
            promote(instance, target, force);
            return "primary is now " + target.id();
        });
    }

    private void promote(DatabaseInstance instance, LabShard target, boolean force) throws InterruptedException {
        if (target.isPrimary()) {
            throw new IllegalArgumentException(target.id() + " is already the primary");
        }
        if (target.shard() == null) {
            throw new IllegalArgumentException(target.id() + " is not running");
        }
        LabShard old = instance.primary();
        Proxy proxy = instance.proxy();
        proxy.pause();
        StreamHold held = null;
        try {
            if (old.shard() != null) {
                held = StreamHold.of(old); // the offset the target must reach stops moving for good
            }
            if (force && old.shard() != null) {
                // Forced promotes now, but gives the bytes already on their way a moment to land.
                quiesce(old);
                long want = offset(old);
                await(() -> offset(target) >= want, IN_FLIGHT_MILLIS);
            } else if (!force && old.shard() != null) {
                // Writes the proxy read just before the pause (a syncer's batch) may still be landing:
                // the target must catch up with an offset that has stopped moving.
                long[] last = {-1};
                boolean caughtUp = await(() -> {
                    long now = offset(old);
                    boolean still = now == last[0];
                    last[0] = now;
                    return still && offset(target) >= now;
                }, CATCH_UP_MILLIS);
                if (!caughtUp) {
                    throw new IllegalStateException(target.id() + " did not catch up with " + old.id()
                            + " (offset " + offset(target) + " < " + offset(old) + "); use a forced failover");
                }
            }
            LocalClient.callOk(target.shard(), "REPLICAOF", "NO", "ONE");
            target.upstream(null);
            if (target.link() != null) {
                target.link().dropConnections();
            }
            for (LabShard sibling : instance.replicasOf(old)) {
                if (sibling != target) {
                    sibling.upstream(target);
                    sibling.link().dropConnections(); // reconnects through its link to the new primary
                }
            }
            old.upstream(target);
            if (old.shard() != null) {
                replicate(old, target);
            }
        } finally {
            proxy.dropConnections();
            dropSyncerLinksFrom(instance);
            if (held != null) {
                held.close(); // the writes it parked meet a replica now, and fail: none is lost
            }
            proxy.resume();
        }
    }

    /** The instance's syncers (those reading it) reconnect, to its primary of now. */
    private void dropSyncerLinksFrom(DatabaseInstance instance) {
        for (LabSyncers.Entry e : lab.syncers()) {
            SyncerSpec spec = e.syncer().spec();
            if (spec.source().equals(instance.cluster()) && spec.database().equals(instance.database())) {
                e.link().dropConnections();
            }
        }
    }

    // ---- crash, stop, restart ---------------------------------------------------------------

    /** Kills a shard without saving, as a crash would. */
    public OperationReport crash(String id) {
        LabShard s = lab.shard(id);
        return run("crash " + id, lab.instanceOf(s), () -> {
            s.stop(true);
            return id + " crashed";
        });
    }

    /** Stops a shard cleanly (it saves its dataset, as SHUTDOWN does). */
    public OperationReport stop(String id) {
        LabShard s = lab.shard(id);
        return run("stop " + id, lab.instanceOf(s), () -> {
            stopSaving(s);
            return id + " stopped";
        });
    }

    /** Starts a stopped or crashed shard from its directory; a replica rejoins its primary. */
    public OperationReport restart(String id) {
        LabShard s = lab.shard(id);
        return run("restart " + id, lab.instanceOf(s), () -> {
            if (s.shard() != null) {
                stopSaving(s);
            }
            startFromDisk(s);
            return id + " restarted";
        });
    }

    // ---- migration and growth ---------------------------------------------------------------

    /**
     * Moves a shard to another node of its cluster. A replica is stopped (saving its data and
     * replication state), its files moved, and started on the target, where it resumes with a
     * partial sync. A primary first hands over to a replica and moves as a replica; with
     * {@code preserveRoles} it takes the primary role back afterwards.
     */
    public OperationReport migrate(String id, String node, boolean preserveRoles) {
        return migrate(id, node, preserveRoles, null);
    }

    /** As {@link #migrate(String, String, boolean)}; a primary hands over to {@code successorId} if given. */
    public OperationReport migrate(String id, String node, boolean preserveRoles, String successorId) {
        LabShard s = lab.shard(id);
        DatabaseInstance instance = lab.instanceOf(s);
        if (!lab.nodes(s.cluster()).contains(node)) {
            throw new IllegalArgumentException("no node " + node + " in cluster " + s.cluster());
        }
        String name = (s.isPrimary() ? (preserveRoles ? "migrate primary (roles preserved) " : "migrate primary as replica ")
                : "migrate replica ") + id + " to " + node;
        return run(name, instance, () -> {
            boolean wasPrimary = s.isPrimary();
            if (wasPrimary) {
                LabShard successor = instance.replicasOf(s).stream().filter(r -> r.shard() != null)
                        .filter(r -> successorId == null || r.id().equals(successorId)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no running replica to hand the primary role to"));
                promote(instance, successor, false);
                awaitLinksUp(instance, SETTLE_MILLIS);
            }
            move(s, node);
            if (wasPrimary && preserveRoles) {
                awaitLinksUp(instance, SETTLE_MILLIS);
                promote(instance, s, false);
            }
            return id + " now on " + node + (wasPrimary && !preserveRoles ? " as a replica" : "");
        });
    }

    /**
     * A clean stop, as SHUTDOWN: the SAVE is the primary's last write. Client writes are held at
     * the proxy meanwhile, so no replica receives a byte the saved offset lacks and all can
     * resume from it (Redis pauses writes for its shutdown save the same way).
     */
    private void stopSaving(LabShard s) throws InterruptedException {
        if (!s.isPrimary() || s.shard() == null) {
            s.stop(false);
            return;
        }
        Proxy proxy = lab.instanceOf(s).proxy();
        proxy.pause();
        try {
            quiesce(s);
            s.stop(false);
        } finally {
            proxy.resume();
        }
    }

    /** Waits (briefly) until writes the paused proxy had already read have reached {@code s}. */
    private void quiesce(LabShard s) throws InterruptedException {
        long[] last = {-1};
        await(() -> {
            long now = offset(s);
            boolean still = now == last[0];
            last[0] = now;
            return still;
        }, IN_FLIGHT_MILLIS);
    }

    private void move(LabShard s, String node) throws InterruptedException {
        stopSaving(s);
        Path from = s.dir();
        Path to = lab.shardDir(node, s.id());
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.move(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.moveTo(node, to);
        startFromDisk(s);
    }

    /** Starts a shard from the data in its directory; a replica starts as one, through its link. */
    private void startFromDisk(LabShard s) throws InterruptedException {
        if (s.isPrimary()) {
            s.start(0);
            return;
        }
        if (s.link() == null) {
            s.link(lab.newLinkProxy(s));
        }
        s.start(0, s.link().port());
    }

    /** Adds a replica of the database's primary on a node; a new replica always needs a full sync. */
    public OperationReport addReplica(String cluster, String database, String node) {
        DatabaseInstance instance = lab.instance(cluster, database);
        return run("add replica of " + instance.name() + " on " + node, instance, () -> {
            LabShard replica = lab.newShard(instance, node, instance.shards().size() + 1);
            replica.start(0);
            replicate(replica, instance.primary());
            return replica.id() + " added";
        });
    }

    /** CONFIG SET repl-backlog-size on a shard. */
    public OperationReport resizeBacklog(String id, long bytes) {
        LabShard s = lab.shard(id);
        return run("resize backlog of " + id + " to " + bytes, lab.instanceOf(s), () -> {
            LocalClient.callOk(s.shard(), "CONFIG", "SET", "repl-backlog-size", Long.toString(bytes));
            return "backlog of " + id + " is " + bytes + " bytes";
        });
    }

    // ---- link faults ------------------------------------------------------------------------

    /** Applies a fault to the replication link of a replica (cut, delay, throttle, or none to heal). */
    public OperationReport setLinkFault(String replicaId, LinkFault fault) {
        LabShard s = lab.shard(replicaId);
        if (s.link() == null) {
            throw new IllegalArgumentException(replicaId + " is a primary: it has no replication link");
        }
        DatabaseInstance instance = lab.instanceOf(s);
        String name = "link of " + replicaId + ": " + fault.describe();
        if (fault.cut()) {
            // A cut link stays down: report at once instead of waiting for it to come up.
            s.link().setFault(fault);
            return new OperationReport(name, Duration.ZERO, "link cut");
        }
        return run(name, instance, () -> {
            s.link().setFault(fault);
            return "link " + fault.describe();
        });
    }

    // ---- Active-Active syncers ------------------------------------------------------------------

    /** Applies a fault to a syncer's link to its source (cut, delay, throttle, or none to heal). */
    public OperationReport setSyncerLinkFault(String syncerId, LinkFault fault) {
        LabSyncers.Entry e = lab.syncerSet().get(syncerId);
        DatabaseInstance target = lab.instance(e.syncer().spec().target(), e.syncer().spec().database());
        String name = "syncer link " + syncerId + ": " + fault.describe();
        if (fault.cut()) {
            e.link().setFault(fault);
            return new OperationReport(name, Duration.ZERO, "link cut");
        }
        return run(name, target, () -> {
            e.link().setFault(fault);
            return "syncer link " + fault.describe();
        });
    }

    public OperationReport cutSyncerLink(String syncerId) {
        return setSyncerLinkFault(syncerId, LinkFault.cutLink());
    }

    public OperationReport healSyncerLink(String syncerId) {
        return setSyncerLinkFault(syncerId, LinkFault.NONE);
    }

    /** Stops a syncer; it keeps its checkpoint file. */
    public OperationReport stopSyncer(String syncerId) {
        LabSyncers.Entry e = lab.syncerSet().get(syncerId);
        e.syncer().stop();
        return new OperationReport("stop syncer " + syncerId, Duration.ZERO, "syncer stopped");
    }

    /** Starts a stopped syncer: it resumes from its checkpoint file. */
    public OperationReport startSyncer(String syncerId) {
        LabSyncers.Entry e = lab.syncerSet().get(syncerId);
        DatabaseInstance target = lab.instance(e.syncer().spec().target(), e.syncer().spec().database());
        return run("start syncer " + syncerId, target, () -> {
            e.syncer().start();
            return "syncer started";
        });
    }

    /**
     * Starts a syncer as a brand-new one: without its checkpoint, so it takes a full sync (cause
     * {@code startup}) that merges the source's states, as a syncer added to a database already
     * holding data would.
     */
    public OperationReport startSyncerAsNew(String syncerId) {
        LabSyncers.Entry e = lab.syncerSet().get(syncerId);
        DatabaseInstance target = lab.instance(e.syncer().spec().target(), e.syncer().spec().database());
        return run("start syncer " + syncerId + " as new", target, () -> {
            lab.syncerSet().renew(syncerId);
            return "syncer started without a checkpoint";
        });
    }

    /**
     * Waits until every syncer of the database that is neither stopped nor cut off has followed its
     * source's stream for a moment (a connection the operation dropped is noticed by then).
     */
    public void awaitSyncersStreaming(String database, long timeoutMillis) throws InterruptedException {
        boolean ok = await(() -> {
            for (LabSyncers.Entry e : lab.syncerSet().of(database)) {
                var st = e.syncer().status();
                if (e.link().fault().cut() || "stopped".equals(st.phase())) {
                    continue;
                }
                if (!"syncing stream".equals(st.phase()) || st.phaseMs() < 300) {
                    return false;
                }
            }
            return true;
        }, timeoutMillis);
        if (!ok) {
            throw new IllegalStateException("syncers of " + database + " did not follow their sources within "
                    + timeoutMillis + " ms");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Points a replica at an upstream through the replica's own link proxy. */
    void replicate(LabShard replica, LabShard upstream) throws InterruptedException {
        replica.upstream(upstream);
        if (replica.link() == null) {
            replica.link(lab.newLinkProxy(replica));
        }
        LocalClient.callOk(replica.shard(), "REPLICAOF", "127.0.0.1", Integer.toString(replica.link().port()));
    }

    /** The replication offset a shard has reached (master_repl_offset on either role). */
    static long offset(LabShard s) {
        if (s.shard() == null) {
            return -1;
        }
        String v = LocalClient.info(s.shard(), "replication").get("master_repl_offset");
        return v == null ? -1 : Long.parseLong(v);
    }

    /** Waits until every running replica whose link is not cut reports master_link_status:up and has caught up. */
    public void awaitLinksUp(DatabaseInstance instance, long timeoutMillis) throws InterruptedException {
        boolean up = await(() -> {
            for (LabShard r : instance.replicas()) {
                if (r.shard() == null || r.upstream().shard() == null || (r.link() != null && r.link().fault().cut())) {
                    continue;
                }
                Map<String, String> info = LocalClient.info(r.shard(), "replication");
                if (!"up".equals(info.get("master_link_status"))) {
                    return false;
                }
            }
            return true;
        }, timeoutMillis);
        if (!up) {
            throw new IllegalStateException("replication links of " + instance.name() + " did not come up within "
                    + timeoutMillis + " ms");
        }
    }

    private static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }
}
