package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.EvictionPool;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.MaxmemoryPolicy;
import dev.syncer.engine.resp.RespDecoder;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * maxmemory, as Redis's evict.c: before a command runs, keys are evicted by maxmemory-policy until
 * used memory is back under the limit; each eviction is propagated as DEL (UNLINK with
 * lazyfree-lazy-eviction) to replicas and the AOF, and counted in evicted_keys. A replica never
 * evicts on its own (replica-ignore-maxmemory): it waits for its primary's DELs.
 *
 * <p>Used memory is the data set's estimate ({@link dev.syncer.engine.keyspace.ObjectSize}) plus
 * the clients' pending output and half-received requests, measured each cron; replicas' output buffers are reported but not
 * counted for eviction (mem_not_counted_for_evict), as in Redis.
 */
public final class Eviction {

    private final Shard shard;
    private final EvictionPool pool = new EvictionPool();
    private int nextDb; // the random policies visit databases in turn
    private long clientsNormal; // output buffers of normal and pub/sub clients, as of the last cron
    private long clientsReplicas;
    private long peak;

    Eviction(Shard shard) {
        this.shard = shard;
    }

    private final java.util.List<java.util.function.LongSupplier> counted = new java.util.ArrayList<>();

    /** Memory a component keeps outside the data set that Redis's zmalloc counts too (the scripts cache). */
    public void countMemory(java.util.function.LongSupplier bytes) {
        counted.add(bytes);
    }

    /** used_memory: the data set, every client's pending output, and what {@link #countMemory} adds. */
    public long usedMemory() {
        Keyspace keyspace = shard.keyspace();
        keyspace.settleMemory();
        long used = keyspace.usedMemory() + clientsNormal + clientsReplicas + replicationBuffer.memory();
        for (java.util.function.LongSupplier c : counted) {
            used += c.getAsLong();
        }
        peak = Math.max(peak, used);
        return used;
    }

    public long peak() {
        return Math.max(peak, usedMemory());
    }

    public long clientsNormal() {
        return clientsNormal;
    }

    public long clientsReplicas() {
        return clientsReplicas;
    }

    /** The primary's shared replication buffer, as replication reports it. */
    public interface ReplicationBuffer {
        ReplicationBuffer NONE = new ReplicationBuffer() { };

        /** Every block of the buffer (repl_buffer_mem). */
        default long memory() {
            return 0;
        }

        /** repl-backlog-size. */
        default long backlogSize() {
            return 0;
        }

        /** Whether replicas are connected (they own what exceeds the backlog's size). */
        default boolean replicas() {
            return false;
        }
    }

    private ReplicationBuffer replicationBuffer = ReplicationBuffer.NONE;

    /** Tells where the replication buffer's memory is read (installed by replication). */
    public void replicationBuffer(ReplicationBuffer buffer) {
        this.replicationBuffer = buffer;
    }

    /**
     * The part of the replication buffer beyond repl-backlog-size while replicas are connected
     * (getMemoryOverheadData counts it as theirs; the rest is the backlog's).
     */
    private long replicasShare() {
        ReplicationBuffer b = replicationBuffer;
        long mem = b.memory();
        return b.replicas() && mem > b.backlogSize() ? mem - b.backlogSize() : 0;
    }

    /** mem_replication_backlog. */
    public long replicationBacklogBytes() {
        return replicationBuffer.memory() - replicasShare();
    }

    /** mem_total_replication_buffers: the one buffer the backlog and the replicas share. */
    public long totalReplicationBuffers() {
        return replicationBuffer.memory();
    }

    /** mem_clients_slaves: the replicas' share of the buffer and what their sockets hold. */
    public long replicaClientsMemory() {
        return replicasShare() + clientsReplicas;
    }

    /**
     * freeMemoryGetNotCountedMemory: the replicas' own buffers and the replication buffer beyond
     * the backlog's size (with Redis's approximate per-block bookkeeping), so slow replicas never
     * cause evictions.
     */
    public long notCountedForEvict() {
        ReplicationBuffer b = replicationBuffer;
        long counted = b.backlogSize() + (b.backlogSize() / (16 * 1024) + 1) * 64;
        return clientsReplicas + Math.max(0, b.memory() - counted);
    }

    /** Cron: measures the clients' pending output, and the requests they are still sending. */
    void measureClients() {
        long normal = 0;
        long replicas = 0;
        for (ClientSession c : shard.clients()) {
            if (c.channel() != null && !c.channel().isActive()) {
                continue; // closed (evicted, killed): its buffers are being freed
            }
            RespDecoder input = c.channel() == null ? null : c.channel().pipeline().get(RespDecoder.class);
            long pending = input == null ? 0 : input.pendingBytes();
            if (c.kind() == ClientSession.Kind.REPLICA) {
                replicas += c.socketOutputBytes() + pending; // their share of the replication buffer is counted once, above
            } else {
                normal += c.outputBufferBytes() + pending;
            }
        }
        clientsNormal = normal;
        clientsReplicas = replicas;
    }

    /** getMaxmemoryState: the bytes to free to get back under maxmemory (0 when under it or unlimited). */
    static long memToFree(long used, long notCounted, long maxmemory) {
        if (maxmemory <= 0) {
            return 0;
        }
        long counted = Math.max(0, used - notCounted);
        return counted <= maxmemory ? 0 : counted - maxmemory;
    }

    /**
     * evictionTimeLimitUs: how long one performEvictions may evict, by maxmemory-eviction-tenacity:
     * 0 to 500 µs up to 10, then 15 % more a step (about two minutes at 99); 100 is unlimited.
     */
    static long evictionTimeLimitUs(long tenacity) {
        if (tenacity <= 10) {
            return 50L * tenacity;
        }
        if (tenacity < 100) {
            return (long) (500.0 * Math.pow(1.15, tenacity - 10.0));
        }
        return Long.MAX_VALUE;
    }

    /** An eviction cycle is scheduled on the loop to finish what one past its time limit left. */
    private boolean procRunning;

    /**
     * performEvictions: evicts until under maxmemory; false (EVICT_FAIL) when still above it and
     * nothing more may go (noeviction, or no key with a TTL under a volatile-* policy). Past the
     * tenacity's time limit (looked at every 16 keys, as Redis) it stops and the rest is evicted in
     * later loop turns (EVICT_RUNNING, which counts as true: commands are not refused meanwhile).
     */
    public boolean performEvictions() {
        long maxmemory = shard.config().getLong("maxmemory");
        if (maxmemory <= 0 || shard.keyspace().isReplica() || shard.clientPause().paused()) {
            return true; // isSafeToPerformEvictions: a paused server evicts nothing
        }
        long toFree = memToFree(usedMemory(), notCountedForEvict(), maxmemory);
        if (toFree > 0) {
            shard.clientEviction().evictClients(); // Redis evicts clients before it sleeps, so before any key
            measureClients(); // the cron's figure may include clients gone since: look again before evicting
            toFree = memToFree(usedMemory(), notCountedForEvict(), maxmemory);
        }
        if (toFree == 0) {
            return true;
        }
        MaxmemoryPolicy policy = MaxmemoryPolicy.of(shard.config().get("maxmemory-policy"));
        if (policy == MaxmemoryPolicy.NOEVICTION) {
            return false;
        }
        long limitNanos = evictionTimeLimitUs(shard.config().getLong("maxmemory-eviction-tenacity"));
        limitNanos = limitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : limitNanos * 1000;
        long start = System.nanoTime();
        long freed = 0;
        long keys = 0;
        while (freed < toFree) {
            EvictionPool.Candidate best = policy.random() ? randomCandidate(policy) : bestCandidate(policy);
            if (best == null) {
                return false;
            }
            freed += evict(best.db(), best.key());
            if (++keys % 16 == 0 && System.nanoTime() - start > limitNanos) {
                startEvictionTimeProc();
                break;
            }
        }
        return true;
    }

    /** startEvictionTimeProc: keep evicting in short cycles, I/O served between them, until done. */
    private void startEvictionTimeProc() {
        if (procRunning) {
            return;
        }
        procRunning = true;
        shard.loop().execute(this::evictionTimeProc);
    }

    private void evictionTimeProc() {
        procRunning = false;
        performEvictions(); // schedules itself again if it stops at its limit once more
    }

    /** The pool's best candidate still present, after sampling every database (LRU, LFU, TTL). */
    private EvictionPool.Candidate bestCandidate(MaxmemoryPolicy policy) {
        Keyspace keyspace = shard.keyspace();
        long now = shard.clock().millis();
        int samples = (int) Math.max(1, shard.config().getLong("maxmemory-samples"));
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int i = 0; i < keyspace.databaseCount(); i++) {
                pool.populate(keyspace.db(i), policy, samples, keyspace.access(), now, ThreadLocalRandom.current());
            }
            for (EvictionPool.Candidate c = pool.popBest(); c != null; c = pool.popBest()) {
                Database db = keyspace.db(c.db());
                if (db.peek(c.key()) != null && (policy.allKeys() || db.expireAt(c.key()) >= 0)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** A random key (with a TTL unless allkeys-random), visiting the databases in turn. */
    private EvictionPool.Candidate randomCandidate(MaxmemoryPolicy policy) {
        Keyspace keyspace = shard.keyspace();
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            int db = nextDb++ % keyspace.databaseCount();
            Key key = EvictionPool.randomKey(keyspace.db(db), !policy.allKeys(), ThreadLocalRandom.current());
            if (key != null) {
                return new EvictionPool.Candidate(db, key, 0);
            }
        }
        return null;
    }

    /** Deletes an evicted key and propagates it, as Redis's deleteEvictedKeyAndPropagate; the bytes freed. */
    private long evict(int dbIndex, Key key) {
        Database db = shard.keyspace().db(dbIndex);
        long before = db.usedMemory();
        db.discard(key);
        long freed = before - db.usedMemory();
        shard.stats().evictedKeys++;
        shard.stats().dirty++;
        String verb = "yes".equals(shard.config().get("lazyfree-lazy-eviction")) ? "UNLINK" : "DEL";
        shard.dispatcher().propagate(dbIndex, new byte[][] {verb.getBytes(StandardCharsets.US_ASCII), key.bytes()});
        shard.dispatcher().keyEvicted(dbIndex, key);
        return Math.max(freed, 1);
    }
}
