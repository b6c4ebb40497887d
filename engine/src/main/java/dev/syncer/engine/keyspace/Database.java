package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * One of the 16 numbered databases: keys to values, with optional expiry times (unix ms).
 *
 * <p>Keys live in {@value #SEGMENTS} hash segments so that a snapshot can copy the keyspace one
 * small segment at a time (see {@link Snapshot}). Only the shard's event-loop thread calls these
 * methods. Expired keys are removed lazily on access (as Redis's {@code expireIfNeeded}) and by
 * {@link #activeExpireCycle}; a replica's keyspace hides expired keys but leaves their deletion to
 * the primary's DEL, as in Redis.
 */
public final class Database {

    static final int SEGMENTS = 1024;
    private static final int SEGMENT_BITS = Integer.numberOfTrailingZeros(SEGMENTS);

    private final Keyspace keyspace;
    private final int index;
    private Segment[] segments; // allocated on the first write; most databases stay empty
    private int size;
    private int expiresSize;
    private int expireCursor; // the segment the next active expiry cycle starts from
    private long valuesBytes; // the sum of the values' ObjectSize estimates (RedisValue.memory)

    Database(Keyspace keyspace, int index) {
        this.keyspace = keyspace;
        this.index = index;
    }

    public int index() {
        return index;
    }

    /** Number of keys, including expired ones not yet removed (as DBSIZE). */
    public int size() {
        return size;
    }

    public int expiresSize() {
        return expiresSize;
    }

    /** The bytes redis-server would hold for these keys, values and TTLs (see {@link ObjectSize}). */
    public long usedMemory() {
        return valuesBytes + (long) expiresSize * ObjectSize.DICT_ENTRY;
    }

    /** Re-estimates a key's value after it was written in place; a key gone since is skipped. */
    void account(Key key) {
        RedisValue v = peek(key);
        if (v != null) {
            long estimate = ObjectSize.keyAndValue(key, v);
            valuesBytes += estimate - v.memory;
            v.memory = estimate;
        }
    }

    private void stored(Key key, RedisValue value, RedisValue old) {
        if (old != null) {
            valuesBytes -= old.memory;
        }
        value.memory = ObjectSize.keyAndValue(key, value);
        valuesBytes += value.memory;
        if (!(value instanceof StringValue)) {
            keyspace.writtenInPlace(index, key); // a new collection is usually filled after it is stored
        }
    }

    static int segmentOf(Key key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - SEGMENT_BITS);
    }

    Segment segmentForRead(int s) {
        return segments == null ? null : segments[s];
    }

    private Segment segmentForWrite(Key key) {
        int s = segmentOf(key);
        keyspace.beforeWrite(index, s);
        if (segments == null) {
            segments = new Segment[SEGMENTS];
        }
        Segment seg = segments[s];
        if (seg == null) {
            seg = segments[s] = new Segment();
        }
        return seg;
    }

    /** The live value, or null if missing or expired (an expired key is deleted on a primary). */
    public RedisValue get(Key key) {
        return lookup(key, true, false);
    }

    /** As {@link #get} without counting as an access (LOOKUP_NOTOUCH: OBJECT, TYPE...). */
    public RedisValue getNoTouch(Key key) {
        return lookup(key, false, false);
    }

    /**
     * {@code write} is Redis's LOOKUP_WRITE: an expired key is deleted even on a replica, so a
     * write on a writable replica starts from a missing key instead of inheriting its stale TTL
     * (a read-only replica only writes what its primary sends, and that never finds keys expired).
     */
    private RedisValue lookup(Key key, boolean touch, boolean write) {
        Segment seg = segments == null ? null : segments[segmentOf(key)];
        if (seg == null) {
            return null;
        }
        RedisValue v = seg.values.get(key);
        if (v != null && !seg.expires.isEmpty() && !keyspace.applyingPrimaryStream() && isExpired(seg, key)) {
            expire(key, write);
            return null;
        }
        if (v != null && touch) {
            keyspace.access().touched(v, keyspace.clock().millis());
        }
        return v;
    }

    /**
     * The value even if logically expired, without deleting it: for DEBUG DIGEST-VALUE and other
     * inspection that must not trigger expiry (Redis reads the dict directly there), and for
     * components keeping their own state about keys (the Active-Active layer: a replica never
     * deletes an expired key itself, yet that state must follow the primary's). Never mutate it;
     * {@link #peekForWrite} gives a value safe to mutate.
     */
    public RedisValue peek(Key key) {
        Segment seg = segments == null ? null : segments[segmentOf(key)];
        return seg == null ? null : seg.values.get(key);
    }

    /**
     * The value, safe to mutate in place: if a snapshot in progress may still read it, a private
     * copy replaces it first (copy-on-write).
     */
    public <T extends RedisValue> T getForWrite(Key key) {
        return forWrite(key, lookup(key, true, true));
    }

    /** {@link #peek}'s value, safe to mutate in place (copy-on-write as {@link #getForWrite}). */
    public <T extends RedisValue> T peekForWrite(Key key) {
        return forWrite(key, peek(key));
    }

    @SuppressWarnings("unchecked")
    private <T extends RedisValue> T forWrite(Key key, RedisValue v) {
        if (v != null && !(v instanceof StringValue)) {
            keyspace.writtenInPlace(index, key);
        }
        if (v == null || v instanceof StringValue || v.epoch >= keyspace.sharedBelowEpoch()) {
            return (T) v;
        }
        RedisValue copy = v.copy();
        copy.epoch = keyspace.epoch();
        segmentForWrite(key).values.put(key, copy);
        return (T) copy;
    }

    public boolean exists(Key key) {
        return get(key) != null;
    }

    /** Stores a value and clears any expiry, as SET does. */
    public void put(Key key, RedisValue value) {
        Segment seg = segmentForWrite(key);
        value.epoch = keyspace.epoch();
        keyspace.access().stored(value, keyspace.clock().millis());
        RedisValue old = seg.values.put(key, value);
        stored(key, value, old);
        if (old == null) {
            size++;
            keyspace.added(index, key);
        }
        if (seg.expires.remove(key) != null) {
            expiresSize--;
        }
    }

    /** Stores a value keeping the key's expiry (SET ... KEEPTTL, SETRANGE, APPEND, INCR...). */
    public void putKeepTtl(Key key, RedisValue value) {
        Segment seg = segmentForWrite(key);
        value.epoch = keyspace.epoch();
        keyspace.access().stored(value, keyspace.clock().millis());
        RedisValue old = seg.values.put(key, value);
        stored(key, value, old);
        if (old == null) {
            size++;
            keyspace.added(index, key);
        }
    }

    /** Deletes a key; true if it existed (and was not expired). */
    public boolean remove(Key key) {
        if (get(key) == null) {
            return false;
        }
        return removeRaw(key);
    }

    /** Deletes a key even if it is logically expired ({@link #peek}'s counterpart); true if it was there. */
    public boolean discard(Key key) {
        return peek(key) != null && removeRaw(key);
    }

    private boolean removeRaw(Key key) {
        Segment seg = segmentForWrite(key);
        RedisValue old = seg.values.remove(key);
        if (old == null) {
            return false;
        }
        valuesBytes -= old.memory;
        size--;
        if (seg.expires.remove(key) != null) {
            expiresSize--;
        }
        return true;
    }

    /** The key's expiry in unix ms, or -1 if it has none (or does not exist). */
    public long expireAt(Key key) {
        Segment seg = segments == null ? null : segments[segmentOf(key)];
        if (seg == null) {
            return -1;
        }
        Long at = seg.expires.get(key);
        return at == null ? -1 : at;
    }

    /** Sets an expiry on an existing key. */
    public void setExpire(Key key, long unixMillis) {
        Segment seg = segmentForWrite(key);
        if (seg.expires.put(key, unixMillis) == null) {
            expiresSize++;
        }
    }

    /** Removes the expiry; true if there was one. */
    public boolean persist(Key key) {
        if (expireAt(key) < 0) {
            return false;
        }
        segmentForWrite(key).expires.remove(key);
        expiresSize--;
        return true;
    }

    public void clear() {
        if (segments == null) {
            return;
        }
        for (int s = 0; s < SEGMENTS; s++) {
            if (segments[s] != null) {
                keyspace.beforeWrite(index, s);
            }
        }
        segments = null;
        size = 0;
        expiresSize = 0;
        valuesBytes = 0;
    }

    /**
     * Takes over another database's contents, dropping this one's: O(segments), not O(keys).
     * Running snapshots first capture every segment (empty ones too, or they would later capture
     * the new contents); {@code from} is left empty.
     */
    void takeContents(Database from) {
        for (int s = 0; s < SEGMENTS; s++) {
            keyspace.beforeWrite(index, s);
        }
        segments = from.segments;
        size = from.size;
        expiresSize = from.expiresSize;
        valuesBytes = from.valuesBytes;
        expireCursor = 0;
        from.segments = null;
        from.size = 0;
        from.expiresSize = 0;
        from.valuesBytes = 0;
    }

    /**
     * Exchanges the whole contents with another database (SWAPDB): O(segments). Running snapshots
     * first capture every segment of both, so each still sees its instant.
     */
    void swapContents(Database other) {
        for (int s = 0; s < SEGMENTS; s++) {
            keyspace.beforeWrite(index, s);
            keyspace.beforeWrite(other.index, s);
        }
        Segment[] segs = segments;
        int n = size;
        int expiring = expiresSize;
        long bytes = valuesBytes;
        segments = other.segments;
        size = other.size;
        expiresSize = other.expiresSize;
        valuesBytes = other.valuesBytes;
        other.segments = segs;
        other.size = n;
        other.expiresSize = expiring;
        other.valuesBytes = bytes;
        expireCursor = 0;
        other.expireCursor = 0;
    }

    private boolean isExpired(Segment seg, Key key) {
        Long at = seg.expires.get(key);
        return at != null && at < keyspace.clock().millis(); // keyIsExpired: now > when
    }

    /** Deletes an expired key unless this keyspace belongs to a replica (and the lookup is no write); true if deleted. */
    private boolean expire(Key key, boolean write) {
        if (keyspace.isReplica() && !write) {
            return false;
        }
        Segment seg = segments[segmentOf(key)];
        RedisValue value = seg.values.get(key);
        long at = expireAt(key);
        removeRaw(key);
        keyspace.expired(index, key, value, at);
        return true;
    }

    /**
     * Visits live keys from a cursor until at least {@code count} keys were visited or the end is
     * reached; returns the next cursor (0 at the end). Whole segments are visited, so a key present
     * for the whole scan is returned at least once, as Redis's SCAN guarantees.
     */
    public long scan(long cursor, int count, BiConsumer<Key, RedisValue> visitor) {
        if (segments == null || cursor < 0 || cursor >= SEGMENTS) {
            return 0;
        }
        int visited = 0;
        int s = (int) cursor;
        while (s < SEGMENTS && visited < count) {
            Segment seg = segments[s++];
            if (seg == null) {
                continue;
            }
            for (Key k : new ArrayList<>(seg.values.keySet())) {
                RedisValue v = get(k);
                if (v != null) {
                    visitor.accept(k, v);
                    visited++;
                }
            }
        }
        return s >= SEGMENTS ? 0 : s;
    }

    /** All live keys (KEYS, FLUSH bookkeeping); O(n). */
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(size);
        scan(0, Integer.MAX_VALUE, (k, v) -> keys.add(k));
        return keys;
    }

    /** Visits every key with its value and expiry (-1 for none), expired ones included. */
    public void forEach(EntryVisitor visitor) {
        if (segments == null) {
            return;
        }
        for (Segment seg : segments) {
            if (seg != null) {
                visitSegment(seg, visitor);
            }
        }
    }

    static void visitSegment(Segment seg, EntryVisitor visitor) {
        for (Map.Entry<Key, RedisValue> e : seg.values.entrySet()) {
            Long at = seg.expires.isEmpty() ? null : seg.expires.get(e.getKey());
            visitor.visit(e.getKey(), e.getValue(), at == null ? -1 : at);
        }
    }

    /** A key with its value and expiry (unix ms, -1 for none). */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(Key key, RedisValue value, long expireAt);
    }

    /** A random live key or null (RANDOMKEY). */
    public Key randomKey() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100 && size > 0; attempt++) {
            int start = random.nextInt(SEGMENTS);
            for (int i = 0; i < SEGMENTS; i++) {
                Segment seg = segments == null ? null : segments[(start + i) & (SEGMENTS - 1)];
                if (seg != null && !seg.values.isEmpty()) {
                    List<Key> keys = new ArrayList<>(seg.values.keySet());
                    Key k = keys.get(random.nextInt(keys.size()));
                    if (get(k) != null) {
                        return k;
                    }
                    break;
                }
            }
        }
        return null;
    }

    /** Most keys with a TTL one active expiry cycle looks at, so a cycle stays well under a millisecond. */
    private static final int ACTIVE_EXPIRE_CHECKS = 20_000;

    /**
     * Redis's active expiry, simplified: walk the segments from where the last cycle stopped (as
     * Redis's expires cursor does), deleting the keys whose time has passed, until {@code budget}
     * deletions, {@value #ACTIVE_EXPIRE_CHECKS} keys looked at, or one full round. So keys nobody
     * reads still go away within a few cycles; returns how many were deleted.
     */
    public int activeExpireCycle(int budget) {
        if (expiresSize == 0 || keyspace.isReplica() || segments == null) {
            return 0;
        }
        long now = keyspace.clock().millis();
        int deleted = 0;
        int checked = 0;
        for (int visited = 0; visited < SEGMENTS && deleted < budget && checked < ACTIVE_EXPIRE_CHECKS; visited++) {
            Segment seg = segments[expireCursor];
            expireCursor = (expireCursor + 1) & (SEGMENTS - 1);
            if (seg == null || seg.expires.isEmpty()) {
                continue;
            }
            List<Key> due = null;
            for (Map.Entry<Key, Long> e : seg.expires.entrySet()) {
                checked++;
                if (e.getValue() < now) { // keyIsExpired: now > when
                    if (due == null) {
                        due = new ArrayList<>();
                    }
                    due.add(e.getKey());
                }
            }
            if (due != null) {
                for (Key k : due) {
                    if (deleted >= budget) {
                        break;
                    }
                    expire(k, false);
                    deleted++;
                }
            }
            if (segments == null) {
                break; // an expiry listener flushed the database
            }
        }
        return deleted;
    }
}
