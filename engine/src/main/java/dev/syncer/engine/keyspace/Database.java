package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.List;
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
        RedisValue v = keyspace.lastWritten(index, key); // the command's own write: no lookup
        if (v == null) {
            v = peek(key);
        }
        if (v != null) {
            long estimate = ObjectSize.keyAndValue(key, v);
            valuesBytes -= v.memory();
            v.memory(estimate);
            valuesBytes += v.memory();
        }
    }

    static int segmentOf(Key key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - SEGMENT_BITS);
    }

    Segment segmentForRead(int s) {
        return segments == null ? null : segments[s];
    }

    private Segment segmentForWrite(Key key) {
        return segmentForWrite(segmentOf(key));
    }

    private Segment segmentForWrite(int s) {
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

    /** dictExpand before DEBUG POPULATE's keys: each segment's table sized once for its share, not grown on the way. */
    public void expand(long keys) {
        int share = Segment.share(size + keys, SEGMENTS);
        for (int s = 0; share > Segment.MIN_CAPACITY / 2 && s < SEGMENTS; s++) { // a few keys: no segment made for them
            segmentForWrite(s).reserve(share);
        }
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
        int slot = seg == null ? -1 : seg.find(key);
        if (slot < 0) {
            return null;
        }
        if (seg.expiring() > 0 && !keyspace.applyingPrimaryStream() && isExpired(seg.expireAt(slot))) {
            expire(key, write);
            return null;
        }
        RedisValue v = seg.value(slot);
        if (touch) {
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
        int slot = seg == null ? -1 : seg.find(key);
        return slot < 0 ? null : seg.value(slot);
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
        if (v == null || v instanceof StringValue || v.epoch() >= keyspace.sharedBelowEpoch()) {
            if (v != null) {
                keyspace.wrote(index, key, v);
            }
            return (T) v;
        }
        RedisValue copy = v.copy();
        copy.epoch(keyspace.epoch());
        segmentForWrite(key).put(key, copy);
        keyspace.wrote(index, key, copy);
        return (T) copy;
    }

    /**
     * The bytes of key's string value v (as just obtained for writing), to be edited in place, or
     * null when the caller must store an edited copy instead ({@link StringValue#editable}).
     */
    public byte[] editableBytes(Key key, StringValue v) {
        if (v == null || !v.editable(keyspace.sharedBelowEpoch())) {
            return null;
        }
        if (v.bytes().length <= ObjectSize.LONGEST_INTEGER) {
            // same length in place: only a short string can turn into an integer or out of one
            keyspace.writtenInPlace(index, key);
        }
        return v.bytes();
    }

    public boolean exists(Key key) {
        return get(key) != null;
    }

    /** Stores a value and clears any expiry, as SET does. */
    public void put(Key key, RedisValue value) {
        Segment seg = store(key, value);
        if (seg.expiring() > 0 && seg.persist(seg.find(key))) {
            expiresSize--;
        }
    }

    /** Stores a value keeping the key's expiry (SET ... KEEPTTL, SETRANGE, APPEND, INCR...). */
    public void putKeepTtl(Key key, RedisValue value) {
        store(key, value);
    }

    private Segment store(Key key, RedisValue value) {
        Segment seg = segmentForWrite(key);
        value.epoch(keyspace.epoch());
        keyspace.access().stored(value, keyspace.clock().millis());
        value.memory(ObjectSize.keyAndValue(key, value));
        long old = seg.put(key, value, !keyspace.snapshotRunning());
        keyspace.wrote(index, key, value);
        valuesBytes += value.memory() - Math.max(old, 0);
        if (!(value instanceof StringValue)) {
            keyspace.writtenInPlace(index, key); // a new collection is usually filled after it is stored
        }
        if (old < 0) {
            size++;
            keyspace.added(index, key);
        }
        return seg;
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
        int slot = seg.find(key);
        if (slot < 0) {
            return false;
        }
        valuesBytes -= seg.memory(slot);
        keyspace.unwrote(index, key);
        size--;
        if (seg.expireAt(slot) != Segment.NO_EXPIRE) {
            expiresSize--;
        }
        seg.remove(slot);
        return true;
    }

    /** The key's expiry in unix ms, or -1 if it has none (or does not exist). */
    public long expireAt(Key key) {
        Segment seg = segments == null ? null : segments[segmentOf(key)];
        if (seg == null || seg.expiring() == 0) {
            return -1;
        }
        int slot = seg.find(key);
        long at = slot < 0 ? Segment.NO_EXPIRE : seg.expireAt(slot);
        return at == Segment.NO_EXPIRE ? -1 : at;
    }

    /** Sets an expiry on an existing key (a missing key is left alone). */
    public void setExpire(Key key, long unixMillis) {
        Segment seg = segmentForWrite(key);
        int slot = seg.find(key);
        if (slot >= 0 && seg.expire(slot, unixMillis)) {
            expiresSize++;
        }
    }

    /** Removes the expiry; true if there was one. */
    public boolean persist(Key key) {
        if (expireAt(key) < 0) {
            return false;
        }
        Segment seg = segmentForWrite(key);
        seg.persist(seg.find(key));
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
        keyspace.unwrote(index, null);
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
        keyspace.forgetLastWritten();
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

    private boolean isExpired(long at) {
        return at != Segment.NO_EXPIRE && at < keyspace.clock().millis(); // keyIsExpired: now > when
    }

    /** Deletes an expired key unless this keyspace belongs to a replica (and the lookup is no write); true if deleted. */
    private boolean expire(Key key, boolean write) {
        if ((keyspace.isReplica() || keyspace.expiryPaused()) && !write) {
            return false; // a paused server expires nothing a read meets (paused clients write nothing)
        }
        RedisValue value = peek(key);
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
            for (Key k : segments[s] == null ? List.<Key>of() : segments[s].keys()) {
                RedisValue v = get(k);
                if (v != null) {
                    visitor.accept(k, v);
                    visited++;
                }
            }
            s++;
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
        for (int i = 0; i < seg.capacity(); i++) {
            if (seg.occupied(i)) {
                long at = seg.expireAt(i);
                visitor.visit(seg.key(i), seg.value(i), at == Segment.NO_EXPIRE ? -1 : at);
            }
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
                if (seg != null && seg.size() > 0) {
                    int slot = random.nextInt(seg.capacity());
                    while (!seg.occupied(slot)) { // the table is at least 1/8 full
                        slot = slot + 1 == seg.capacity() ? 0 : slot + 1;
                    }
                    Key k = seg.key(slot);
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
        if (expiresSize == 0 || keyspace.isReplica() || segments == null || keyspace.expiryPaused()) {
            return 0;
        }
        long now = keyspace.clock().millis();
        int deleted = 0;
        int checked = 0;
        for (int visited = 0; visited < SEGMENTS && deleted < budget && checked < ACTIVE_EXPIRE_CHECKS; visited++) {
            Segment seg = segments[expireCursor];
            expireCursor = (expireCursor + 1) & (SEGMENTS - 1);
            if (seg == null || seg.expiring() == 0) {
                continue;
            }
            List<Key> due = null;
            for (int i = 0; i < seg.capacity(); i++) {
                long at = seg.expireAt(i);
                if (at == Segment.NO_EXPIRE) {
                    continue;
                }
                checked++;
                if (at < now) { // keyIsExpired: now > when
                    if (due == null) {
                        due = new ArrayList<>();
                    }
                    due.add(seg.key(i));
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
