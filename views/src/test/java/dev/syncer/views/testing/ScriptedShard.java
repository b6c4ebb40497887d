package dev.syncer.views.testing;

import dev.syncer.views.model.port.BacklogInfo;
import dev.syncer.views.model.port.FullSyncProgress;
import dev.syncer.views.model.port.RefusedEffects;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.ShardState;
import dev.syncer.views.model.prediction.PsyncSource;

/** A shard's scripted state. */
public final class ScriptedShard {
    final String id;
    String name;
    final String cluster;
    String node;
    final String db;
    final int port;
    ShardState state = ShardState.RUNNING;
    Role role;
    String replid;
    String replid2 = ReplicationInfo.NO_REPLID;
    long second = -1;
    long offset;
    long backlogSize = 1 << 20;
    long backlogFirst;
    ScriptedShard upstream;
    boolean linkUp = true;
    /** Seconds since its last ACK, as its upstream's INFO lists it. */
    long ackLagSeconds;
    double ops;
    long syncFull;
    long syncPartial;
    FullSyncProgress fullSync;
    RefusedEffects refused = RefusedEffects.NONE;

    /** The replication ID the shard reports now. */
    public synchronized String replid() {
        return replid;
    }

    ScriptedShard(String id, String name, String cluster, String node, String db, int port) {
        this.id = id;
        this.name = name;
        this.cluster = cluster;
        this.node = node;
        this.db = db;
        this.port = port;
    }

    /** What this shard consults to answer a PSYNC. */
    PsyncSource psyncSource() {
        return new PsyncSource(name, replid, replid2, second, offset,
                new BacklogInfo(true, backlogSize, backlogFirst, Math.max(0, offset - backlogFirst + 1)));
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** Names the shard as the operator knows it (by default, its id). */
    public synchronized ScriptedShard named(String name) {
        this.name = name;
        return this;
    }

    public ScriptedShard backlog(long size, long first) {
        backlogSize = size;
        backlogFirst = first;
        return this;
    }

    public ScriptedShard offset(long o) {
        offset = o;
        return this;
    }

    /** Sets replid2 and second_repl_offset, as after a promotion. */
    public ScriptedShard history(String previousReplid, long secondReplOffset) {
        replid2 = previousReplid;
        second = secondReplOffset;
        return this;
    }

    public ScriptedShard state(ShardState s) {
        state = s;
        return this;
    }

    /** The Active-Active effects it reports refused. */
    public ScriptedShard refused(RefusedEffects r) {
        refused = r;
        return this;
    }

    public ScriptedShard moveTo(String nodeId) {
        node = nodeId;
        return this;
    }

    public ScriptedShard replicaOf(ScriptedShard primary) {
        upstream = primary;
        return this;
    }

    /** The replica's last ACK was {@code seconds} ago, as its upstream reports. */
    public synchronized ScriptedShard ackLag(long seconds) {
        ackLagSeconds = seconds;
        return this;
    }

    public ScriptedShard linkUp(boolean up) {
        linkUp = up;
        return this;
    }

    public ScriptedShard fullSync(String from, long done, long total) {
        fullSync = new FullSyncProgress(from, "receiving rdb", total, done);
        return this;
    }
}
