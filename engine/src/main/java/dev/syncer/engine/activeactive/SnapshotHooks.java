package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.rdb.RdbException;
import dev.syncer.engine.rdb.RdbExtension;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.roles.Replication;
import dev.syncer.engine.activeactive.crdt.MalformedStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes an Active-Active shard's RDBs carry its conflict-free state ({@link SnapshotStates}): the
 * full syncs it serves and the saves it makes write every key's state, the tombstones and the
 * backlog; a full sync it receives (or its start-up load) attaches the states to the loaded keys,
 * so a replica promoted later still resolves conflicts, and preloads the backlog, so after a local
 * failover remote syncers still get a partial sync from offsets before the replica's own full sync.
 */
public final class SnapshotHooks {

    private static final Logger log = LoggerFactory.getLogger(SnapshotHooks.class);

    private final ActiveActive aa;
    private final Replication repl;

    private SnapshotHooks(ActiveActive aa, Replication repl) {
        this.aa = aa;
        this.repl = repl;
    }

    /** Installs the replication hooks; returns the hooks for persistence (null when the shard is not A-A). */
    public static SnapshotHooks install(ActiveActive aa, Replication repl) {
        if (!aa.enabled()) {
            return null;
        }
        SnapshotHooks hooks = new SnapshotHooks(aa, repl);
        repl.rdbExtension(hooks::extension);
        repl.onFullSyncLoaded(hooks::loaded);
        return hooks;
    }

    /** The extension for a snapshot taken now (loop thread, in the snapshot's turn). */
    public RdbExtension extension() {
        List<Map<Key, byte[]>> tombstones = new ArrayList<>();
        for (int db = 0; db < aa.keyspace().databaseCount(); db++) {
            tombstones.add(aa.encodeTombstones(db));
        }
        Backlog backlog = repl.stream().backlog();
        if (backlog == null || backlog.histlen() == 0) {
            return new SnapshotStates(tombstones, repl.stream().masterReplOffset() + 1, new byte[0]);
        }
        var bytes = backlog.copyFrom(backlog.firstByteOffset(), io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            return new SnapshotStates(tombstones, backlog.firstByteOffset(), copy);
        } finally {
            bytes.release();
        }
    }

    /** A loaded RDB (after a full sync, or at start-up): states attached, backlog preloaded. Loop. */
    public void loaded(RdbFile rdb) {
        attach(rdb, true);
    }

    /**
     * An AOF's RDB base, before its commands replay: states attached; not its backlog, which the
     * commands after it have outrun (a start from an AOF begins a new replication history).
     */
    public void aofBaseLoaded(RdbFile rdb) {
        attach(rdb, false);
    }

    private void attach(RdbFile rdb, boolean withBacklog) {
        SnapshotStates.Content content;
        try {
            content = SnapshotStates.read(rdb);
        } catch (RdbException e) {
            log.warn("Ignoring the Active-Active states of the loaded RDB: {}", e.getMessage());
            return;
        }
        int merged = merge(content.states()) + merge(content.tombstones());
        boolean preloaded = withBacklog && content.hasBacklog()
                && repl.stream().preloadBacklog(content.backlogStart(), content.backlog());
        log.info("Active-Active: {} key states attached{}", merged,
                preloaded ? ", backlog preloaded from offset " + content.backlogStart() : "");
    }

    private int merge(List<SnapshotStates.Entry> entries) {
        int n = 0;
        for (SnapshotStates.Entry e : entries) {
            try {
                aa.mergeState(e.db(), e.key(), e.state());
                n++;
            } catch (MalformedStateException | IndexOutOfBoundsException x) {
                log.warn("Skipping a malformed state in the RDB: {}", x.getMessage());
            }
        }
        return n;
    }
}
