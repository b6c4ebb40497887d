package dev.syncer.engine.keyspace;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The 16 databases of a shard, plus what spans them: the clock, the replica flag (which changes
 * how expiry behaves) and the point-in-time snapshots in progress.
 *
 * <p>Confined to the shard's event-loop thread, except {@link Snapshot}s, which other threads read.
 */
public final class Keyspace {

    public static final int DEFAULT_DATABASES = 16;

    /** Told when a key is created in a database. */
    @FunctionalInterface
    public interface KeyAddedListener {
        void added(int db, Key key);
    }

    /** Told about keys the keyspace deleted because they expired, so the deletion can be propagated. */
    @FunctionalInterface
    public interface ExpiryListener {
        void expired(int db, Key key);

        /** The same, with the value that expired and its expiry instant (unix ms), for listeners that need them. */
        default void expired(int db, Key key, RedisValue value, long expireAt) {
            expired(db, key);
        }
    }

    private final Database[] databases;
    private final Clock clock;
    private boolean replica;
    private java.util.function.BooleanSupplier expiryPaused = () -> false;
    private final ReplicaKeysWithExpire replicaKeysWithExpire = new ReplicaKeysWithExpire();
    private boolean applyingPrimaryStream;
    private ExpiryListener expiryListener = (db, key) -> { };
    private KeyAddedListener keyAddedListener = (db, key) -> { };
    private final KeyAccess access = new KeyAccess();

    /** Keys whose values may have changed in place since their size was last estimated. */
    private final List<DirtyKey> writtenInPlace = new ArrayList<>();
    private static final int SETTLE_AT = 4096; // bounds the list when nobody settles (a loading keyspace)

    private record DirtyKey(int db, Key key) {
    }

    /**
     * The value last stored or handed out for writing, with its database and key: what the running
     * command wrote, so the dispatcher's after-write steps need not look the key up again.
     */
    private int lastWrittenDb = -1;
    private Key lastWrittenKey;
    private RedisValue lastWrittenValue;

    private long epoch = 1;
    private final List<Snapshot> activeSnapshots = new ArrayList<>();
    private long sharedBelowEpoch = Long.MIN_VALUE;

    public Keyspace() {
        this(DEFAULT_DATABASES, Clock.systemUTC());
    }

    public Keyspace(int databases, Clock clock) {
        this.clock = clock;
        this.databases = new Database[databases];
        for (int i = 0; i < databases; i++) {
            this.databases[i] = new Database(this, i);
        }
    }

    public Database db(int index) {
        return databases[index];
    }

    public int databaseCount() {
        return databases.length;
    }

    public Clock clock() {
        return clock;
    }

    /** How accesses to values are recorded (LRU or LFU), for OBJECT IDLETIME / FREQ. */
    public KeyAccess access() {
        return access;
    }

    /** While this holds (a CLIENT PAUSE) no key is deleted for being expired; reads still miss it. */
    public void setExpiryPaused(java.util.function.BooleanSupplier paused) {
        this.expiryPaused = paused;
    }

    boolean expiryPaused() {
        return expiryPaused.getAsBoolean();
    }

    public boolean isReplica() {
        return replica;
    }

    /** A replica hides expired keys but waits for the primary's DEL, so both datasets stay equal. */
    public void setReplica(boolean replica) {
        this.replica = replica;
    }

    /**
     * While a replica applies its primary's stream, no key counts as expired (Redis's
     * expireIfNeeded returns 0 for the master client): the primary decided what exists, and a
     * replica whose clock runs ahead must still apply, say, an APPEND to a key it would hide.
     */
    public void setApplyingPrimaryStream(boolean applying) {
        this.applyingPrimaryStream = applying;
    }

    boolean applyingPrimaryStream() {
        return applyingPrimaryStream;
    }

    /** Told of every key created (Redis's dbAdd), so clients blocked on it can be served. */
    public void setKeyAddedListener(KeyAddedListener listener) {
        this.keyAddedListener = listener;
    }

    void added(int db, Key key) {
        keyAddedListener.added(db, key);
    }

    public void setExpiryListener(ExpiryListener listener) {
        this.expiryListener = listener;
    }

    void expired(int db, Key key, RedisValue value, long expireAt) {
        expiryListener.expired(db, key, value, expireAt);
    }

    /** Total keys over all databases. */
    public long size() {
        long n = 0;
        for (Database d : databases) {
            n += d.size();
        }
        return n;
    }

    /**
     * The bytes redis-server would hold for the data set (keys, values, TTLs), as of the last
     * {@link #settleMemory}: the figure eviction compares with maxmemory, less the server's own.
     */
    public long usedMemory() {
        long bytes = 0;
        for (Database d : databases) {
            bytes += d.usedMemory();
        }
        return bytes;
    }

    /** A value was obtained for writing: re-estimate its size at the next {@link #settleMemory}. */
    void writtenInPlace(int db, Key key) {
        int n = writtenInPlace.size();
        if (n > 0 && writtenInPlace.get(n - 1).db() == db && writtenInPlace.get(n - 1).key().equals(key)) {
            return; // obtained again (a new collection stored, then filled): one estimate will do
        }
        writtenInPlace.add(new DirtyKey(db, key));
        if (writtenInPlace.size() >= SETTLE_AT) {
            settleMemory();
        }
    }

    /** Remembers the value just stored or obtained for writing under key (see {@link #lastWritten}). */
    void wrote(int db, Key key, RedisValue value) {
        lastWrittenDb = db;
        lastWrittenKey = key;
        lastWrittenValue = value;
    }

    /** The key was deleted, or the database emptied (key null): what was remembered of it is gone. */
    void unwrote(int db, Key key) {
        if (db == lastWrittenDb && (key == null || key.equals(lastWrittenKey))) {
            forgetLastWritten();
        }
    }

    /**
     * The value last stored or obtained for writing in db, if that was under key (and it was not
     * deleted since), else null: the keyspace's word for what a command just wrote, valid until
     * {@link #forgetLastWritten}.
     */
    public RedisValue lastWritten(int db, Key key) {
        return db == lastWrittenDb && key.equals(lastWrittenKey) ? lastWrittenValue : null;
    }

    /** Before each command: nothing it did not write itself is taken for its write. */
    public void forgetLastWritten() {
        lastWrittenDb = -1;
        lastWrittenKey = null;
        lastWrittenValue = null;
    }

    /** Re-estimates the values written in place since the last call (after each command, before eviction). */
    public void settleMemory() {
        for (DirtyKey d : writtenInPlace) {
            databases[d.db()].account(d.key());
        }
        writtenInPlace.clear();
    }

    public void flushAll() {
        for (Database d : databases) {
            d.clear();
        }
        replicaKeysWithExpire.clear();
    }

    /** Keys written with a TTL by clients of this (writable) replica, which it expires itself. */
    public ReplicaKeysWithExpire replicaKeysWithExpire() {
        return replicaKeysWithExpire;
    }

    /** Cron on a replica: expires the keys its own clients wrote with a TTL; returns how many. */
    public int expireReplicaKeys() {
        return replica && replicaKeysWithExpire.size() > 0 && !expiryPaused()
                ? replicaKeysWithExpire.expire(this, clock.millis()) : 0;
    }

    /**
     * Replaces every database's content with another keyspace's (a verified, fully loaded
     * dataset) by moving its segments, not its entries, so a million keys take as long as a few;
     * {@code loaded} is left empty. Moved values stay older than any later snapshot's epoch, so
     * copy-on-write keeps protecting snapshots taken afterwards.
     */
    public void replaceWith(Keyspace loaded) {
        epoch = Math.max(epoch, loaded.epoch);
        replicaKeysWithExpire.clear(); // a new dataset from the primary: its TTLs are the primary's
        for (int i = 0; i < databases.length; i++) {
            if (i < loaded.databases.length) {
                databases[i].takeContents(loaded.databases[i]);
            } else {
                databases[i].clear();
            }
        }
    }

    /** SWAPDB: the two databases exchange contents; clients keep their selected index. */
    public void swapDatabases(int a, int b) {
        forgetLastWritten();
        if (a != b) {
            databases[a].swapContents(databases[b]);
        }
    }

    long epoch() {
        return epoch;
    }

    /** Values created before this epoch may be shared with a running snapshot. */
    long sharedBelowEpoch() {
        return sharedBelowEpoch;
    }

    /**
     * Starts a point-in-time snapshot of every database, as of now. The snapshot copies segments on
     * {@code loop} (the thread that owns this keyspace) in small batches, and any segment about to
     * be written is copied first; other threads read it with {@link Snapshot#visit}.
     */
    public Snapshot beginSnapshot(Executor loop) {
        epoch++;
        Snapshot snapshot = new Snapshot(this, epoch, loop);
        activeSnapshots.add(snapshot);
        sharedBelowEpoch = epoch;
        snapshot.scheduleCapture();
        return snapshot;
    }

    /** Whether a snapshot may still read frozen segments (which share their entries with the live ones). */
    boolean snapshotRunning() {
        return !activeSnapshots.isEmpty();
    }

    void endSnapshot(Snapshot snapshot) {
        activeSnapshots.remove(snapshot);
        sharedBelowEpoch = activeSnapshots.isEmpty() ? Long.MIN_VALUE
                : activeSnapshots.stream().mapToLong(Snapshot::epoch).max().orElse(Long.MIN_VALUE);
    }

    /** Called before any change to segment s of db: running snapshots copy it first. */
    void beforeWrite(int db, int segment) {
        if (!activeSnapshots.isEmpty()) {
            for (Snapshot s : activeSnapshots) {
                s.captureIfNeeded(db, segment);
            }
        }
    }
}
