package dev.syncer.engine.replication.roles;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.rdb.ExpiredKey;
import dev.syncer.engine.rdb.RdbFile;
import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.ReplicationStream;
import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.SyncEventLog;
import dev.syncer.engine.replication.SyncStats;
import dev.syncer.engine.replication.failover.Failover;
import dev.syncer.engine.replication.failover.FailoverCommand;
import dev.syncer.engine.replication.failover.FailoverContext;
import dev.syncer.engine.replication.primary.FullSync;
import dev.syncer.engine.replication.primary.PrimaryContext;
import dev.syncer.engine.replication.primary.ReplicaLink;
import dev.syncer.engine.replication.primary.ReplicaSet;
import dev.syncer.engine.replication.primary.SyncCommands;
import dev.syncer.engine.replication.replica.CachedPrimary;
import dev.syncer.engine.replication.replica.PrimaryLink;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.Eviction;
import dev.syncer.engine.server.ReplicationFeed;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.syncer.engine.rdb.RdbExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replication attached to one shard: both roles, the stream they share, the commands, INFO
 * sections and the cron. Role changes live here, as Redis's replicationSetMaster and
 * replicationUnsetMaster. Everything runs on the shard's loop except snapshot writing and RDB
 * loading, which run on {@link #background()} and report back to the loop. The parts get this
 * as their context ({@link PrimaryContext}, {@link FailoverContext}), never as the whole.
 */
public final class Replication implements PrimaryContext, FailoverContext {

    private static final Logger log = LoggerFactory.getLogger(Replication.class);
    private static final byte[][] PING = RespEncoding.argv("ping");
    /** disconnectAllBlockedClients' error, for every client blocked when a primary turns replica. */
    static final String UNBLOCKED = "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)";

    private final Shard shard;
    private final CommandDispatcher commands;
    private final ReplicationConfig config;
    private final ReplicationStream stream = new ReplicationStream(PooledByteBufAllocator.DEFAULT);
    private final SyncEventLog events = new SyncEventLog();
    private final SyncStats stats = new SyncStats();
    private final ReplicaSet replicas;
    private final FullSync fullSync;
    private final PrimaryLink link;
    private final Failover failover;
    private final WaitList waits;
    private final ExecutorService background;
    private final ReplicationFeed feed;
    private long cronTicks;
    private Supplier<RdbExtension> rdbExtension = () -> null;
    private Supplier<List<byte[]>> rdbFunctions = List::of;
    private Consumer<RdbFile> fullSyncLoaded = rdb -> { };

    private Replication(Shard shard, CommandDispatcher commands) {
        this.shard = shard;
        this.commands = commands;
        this.config = new ReplicationConfig(shard.config());
        this.replicas = new ReplicaSet(this::now, config::replicaOutputLimit, this::replicaGone);
        this.fullSync = new FullSync(this);
        shard.addFlushAllHook(fullSync::flushedAll);
        this.link = new PrimaryLink(this);
        this.failover = new Failover(this);
        this.waits = new WaitList(this);
        this.background = Executors.newCachedThreadPool(new DefaultThreadFactory("repl-bg-" + shard.config().get("port"), true));
        stream.sink(replicas);
        this.feed = new ReplicationFeed() {
            @Override
            public void propagate(int db, byte[][] argv) {
                if (!link.active()) {
                    stream.propagate(db, argv); // a replica's own writes are local only, as in Redis
                }
            }

            @Override
            public long offset() {
                return stream.masterReplOffset();
            }
        };
    }

    /** Adds replication to a shard that is not started yet. */
    public static Replication attach(Shard shard, CommandDispatcher commands) {
        Replication r = new Replication(shard, commands);
        shard.setFeed(r.feed);
        new SyncCommands(r).register(commands.table());
        new ReplicationCommands(r).register(commands.table());
        new FailoverCommand(r).register(commands.table());
        ReplicationGates.install(r);
        ReplicationInfo.install(r);
        shard.stats().onReset(r.stats::reset);
        shard.eviction().replicationBuffer(new Eviction.ReplicationBuffer() {
            @Override
            public long memory() {
                return r.stream.backlog() == null ? 0 : r.stream.backlog().memory();
            }

            @Override
            public long backlogSize() {
                return r.config.backlogSize();
            }

            @Override
            public boolean replicas() {
                return r.replicas.size() > 0;
            }
        });
        shard.addCron(r::cron);
        shard.addShutdownHook(r::shutdown);
        shard.addRelease(r.stream::release);
        shard.config().watch("repl-backlog-size", v -> {
            if (r.stream.backlog() != null) {
                r.stream.backlog().resize(r.config.backlogSize());
            }
        });
        shard.config().watch("replica-read-only", v -> shard.setReadOnlyReplica(r.link.active() && r.config.readOnly()));
        String[] replicaOf = r.config.replicaOf();
        if (replicaOf != null) { // as Redis reading "replicaof" from its config: no history of our own to offer
            r.link.follow(replicaOf[0], Integer.parseInt(replicaOf[1]), SyncCause.STARTUP);
            shard.keyspace().setReplica(true);
            shard.setReadOnlyReplica(r.config.readOnly());
        }
        return r;
    }

    /** The shard's commands: replication registers its own and gates the rest (NOREPLICAS, MASTERDOWN). */
    public CommandDispatcher commands() {
        return commands;
    }

    @Override
    public Shard shard() {
        return shard;
    }

    /**
     * NOREPLICAS for a write a script makes (script.c's scriptCall checks it again, as the script
     * itself may not have been flagged a write): the error text, or null.
     */
    public String noReplicasVerdict(CommandSpec spec, ClientSession session) {
        return ReplicationGates.noReplicas(this, spec, session);
    }

    @Override
    public ReplicationConfig config() {
        return config;
    }

    @Override
    public ReplicationStream stream() {
        return stream;
    }

    @Override
    public SyncEventLog events() {
        return events;
    }

    @Override
    public SyncStats stats() {
        return stats;
    }

    @Override
    public ReplicaSet replicas() {
        return replicas;
    }

    @Override
    public FullSync fullSync() {
        return fullSync;
    }

    @Override
    public PrimaryLink link() {
        return link;
    }

    @Override
    public Failover failover() {
        return failover;
    }

    WaitList waits() {
        return waits;
    }

    /** Where snapshots are written and RDBs loaded, off the loop. */
    @Override
    public ExecutorService background() {
        return background;
    }

    @Override
    public long now() {
        return shard.clock().millis();
    }

    /** True while this shard follows a primary (REPLICAOF host port). */
    @Override
    public boolean isReplica() {
        return link.active();
    }

    /** repl-stream-db for a snapshot: the stream's current database. */
    @Override
    public int replStreamDb() {
        if (link.active()) {
            return link.streamDb();
        }
        return Math.max(0, stream.selectedDb());
    }

    // ---- role changes -------------------------------------------------------------------------

    /** Redis's replicationSetMaster: follow host:port, offering our own history if we were a primary. */
    @Override
    public void setPrimary(String host, int port, SyncCause cause) {
        boolean wasPrimary = !link.active();
        link.detach(true);
        waits.unblockAll(UNBLOCKED);
        shard.dispatcher().disconnectAllBlockedClients(UNBLOCKED); // else the primary's writes would serve them
        if (wasPrimary) {
            link.discardCached();
            log.info("Before turning into a replica, using my own master parameters to synthesize a cached master: "
                    + "I may be able to synchronize with the new master with just a partial transfer.");
            link.cacheFrom(new CachedPrimary(stream.history().current(), stream.masterReplOffset(), 0), cause);
        }
        link.follow(host, port, cause);
        shard.config().setInitial("replicaof", host + " " + port); // what CONFIG GET and CONFIG REWRITE report
        shard.keyspace().setReplica(true);
        shard.setReadOnlyReplica(config.readOnly());
        link.connectIfDue(); // at once, as replicationSetMaster's connectWithMaster: not on the next cron tick
    }

    /** Redis's replicationUnsetMaster: become a primary, continuing the history under a new ID. */
    @Override
    public void promote(String why) {
        if (!link.active()) {
            return;
        }
        link.stop();
        ReplicationId previous = stream.history().current();
        stream.history().continueAs(ReplicationId.random(), stream.masterReplOffset());
        log.warn("Setting secondary replication ID to {}, valid up to offset: {}. New replication ID is {}",
                previous, stream.history().secondReplOffset(), stream.history().current());
        replicas.dropAll("Promoted to primary");
        shard.config().setInitial("replicaof", "");
        stream.forceSelect();
        shard.keyspace().setReplica(false);
        shard.setReadOnlyReplica(false);
        log.info("MASTER MODE enabled ({})", why);
    }

    /**
     * Start-up from an RDB that recorded replication state (repl-id, repl-offset, repl-stream-db):
     * a replica offers it for a partial sync; a primary keeps it as a past history so its
     * replicas can continue (Redis's loadDataFromDisk).
     */
    public void restoreFromRdb(RdbFile rdb, List<ExpiredKey> expiredAtLoad) {
        ReplicationId id = ReplicationId.parse(rdb.replId());
        long offset = rdb.replOffset();
        if (id == null || offset < 0) {
            return;
        }
        String dbAux = rdb.aux().get("repl-stream-db");
        int db = dbAux == null ? 0 : Math.max(0, Integer.parseInt(dbAux));
        stream.masterReplOffset(offset);
        if (link.active()) {
            stream.history().reset(id);
            link.cacheFrom(new CachedPrimary(id, offset, db), SyncCause.RESTART_FROM_RDB);
        } else {
            stream.history().remember(id, offset + 1);
            stream.createBacklog(config.backlogSize());
            // the keys the load dropped as expired: their DELs follow the restored offset, as
            // Redis's RDBFLAGS_FEED_REPL load does, so replicas resuming there delete them too
            byte[] verb = ("yes".equals(shard.config().get("lazyfree-lazy-expire")) ? "UNLINK" : "DEL")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (ExpiredKey k : expiredAtLoad) {
                stream.propagate(k.db(), new byte[][] {verb, k.key()});
            }
        }
    }

    /** The aux fields an RDB saved now should carry (empty when there is no replication state). */
    public Map<String, String> rdbAux() {
        Map<String, String> aux = new LinkedHashMap<>();
        if (link.active() || stream.backlog() != null) {
            aux.put("repl-stream-db", Integer.toString(replStreamDb()));
            aux.put("repl-id", stream.history().current().hex());
            aux.put("repl-offset", Long.toString(link.active() ? link.reploff() : stream.masterReplOffset()));
        }
        return aux;
    }

    // ---- hooks for the Active-Active mode ------------------------------------------------------

    /**
     * What a full sync's RDB carries beyond the data (an Active-Active primary's key states,
     * tombstones and backlog): asked on the loop in the snapshot's turn, null for nothing.
     */
    public void rdbExtension(Supplier<RdbExtension> supplier) {
        this.rdbExtension = supplier;
    }

    @Override
    public RdbExtension rdbExtension() {
        return rdbExtension.get();
    }

    /** The Function libraries a full sync's RDB carries (FUNCTION2 records), asked on the loop at the snapshot. */
    public void rdbFunctions(Supplier<List<byte[]>> supplier) {
        this.rdbFunctions = supplier;
    }

    @Override
    public List<byte[]> rdbFunctions() {
        return rdbFunctions.get();
    }

    /** Told on the loop once a full sync's RDB is loaded and swapped in, before the stream starts. */
    public void onFullSyncLoaded(Consumer<RdbFile> hook) {
        this.fullSyncLoaded = this.fullSyncLoaded.andThen(hook); // several components react (A-A states, the AOF)
    }

    @Override
    public void fullSyncLoaded(RdbFile rdb) {
        fullSyncLoaded.accept(rdb);
    }

    // ---- events from the parts ------------------------------------------------------------------

    /** A replica acknowledged an offset: WAIT callers and a waiting FAILOVER may proceed. */
    @Override
    public void acknowledged() {
        waits.process();
        failover.update();
    }

    private void replicaGone(ReplicaLink link) {
        fullSync.gone(link);
        events.finish(link.progress(), "failed: connection closed", now());
    }

    // ---- timers -----------------------------------------------------------------------------------

    /** Every 100 ms; the once-a-second work mirrors Redis's replicationCron. */
    private void cron() {
        fullSync.cron();
        failover.update();
        waits.expire();
        link.connectIfDue();
        if (++cronTicks % 10 != 0) {
            return;
        }
        link.cron();
        long seconds = cronTicks / 10;
        if (!link.active() && replicas.size() > 0 && seconds % config.pingPeriodSeconds() == 0
                && !failover.pausesPings()) {
            stream.propagateWithoutDb(PING);
        }
        replicas.cron(fullSync.diskDumpRunning(), config.timeoutMillis());
        if (stream.backlog() != null) { // what replicas that left held is let go of in steps
            stream.backlog().trim(10 * Backlog.TRIM_BLOCKS_PER_CALL);
        }
        long ttl = config.backlogTtlMillis();
        if (replicas.size() == 0 && ttl > 0 && stream.backlog() != null && !link.active()
                && now() - replicas.noReplicasSinceMs() > ttl) {
            stream.history().reset(ReplicationId.random());
            stream.freeBacklog();
            log.info("Replication backlog freed after {} seconds without connected replicas.", ttl / 1000);
        }
    }

    private void shutdown() {
        link.stop();
        background.shutdownNow();
    }
}
