package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One slice of a database's keys, chosen by key hash. Segments are the unit a point-in-time
 * snapshot copies: small enough that copying one never stalls the event loop.
 *
 * <p>An open-addressing table with linear probing, so a key costs a few array slots instead of a
 * map node: a byte of each key's hash in a byte[] (the whole hash of an entry that moves is
 * computed again from its key, 3 bytes a slot less), the entries in an Object[] and, once a key has a TTL,
 * the expiry times in a long[] (no second map). An entry is a {@link RedisValue}, or a
 * {@link PackedString} byte[] that holds a small plain string together with its key. A RedisValue's
 * key is kept in the segment's {@link KeyArena}, found by a position in an int[] (no array, and no
 * {@link Key}, per key: one is made when a key is read out). Arena and positions exist only once
 * the segment holds a RedisValue: a keyspace of small strings has neither. Heap histogram of 1M
 * small strings: 58 bytes a key instead of 67; of 100k small hashes, sets and zsets: 16 bytes a key
 * less with an array per key, and about 12 less again with the arena. Deletion shifts the following
 * entries back, so the table never holds tombstones.
 */
final class Segment {

    static final long NO_EXPIRE = Long.MIN_VALUE;
    static final int MIN_CAPACITY = 8;

    private byte[] tags; // a byte of each key's hash: most slots probed past are told apart without their entry
    private KeyArena arena; // RedisValues' keys; null while every entry is a packed string
    private int[] keyAt; // each RedisValue slot's key's position in the arena (null with it)
    private Object[] entries;
    private long[] expires; // null until a key of this segment gets a TTL
    private int size;
    private int expiring;

    Segment() {
        this(MIN_CAPACITY);
    }

    private Segment(int capacity) {
        tags = new byte[capacity];
        entries = new Object[capacity];
    }

    int size() {
        return size;
    }

    int expiring() {
        return expiring;
    }

    /** A frozen copy of the table; values are shared and protected by copy-on-write (packed strings are immutable). */
    Segment freeze() {
        Segment copy = new Segment(0);
        copy.tags = tags.clone();
        copy.arena = arena == null ? null : arena.share(); // its chunks: appended to only, past what the copy refers to
        copy.keyAt = keyAt == null ? null : keyAt.clone();
        copy.entries = entries.clone();
        copy.expires = expiring == 0 ? null : expires.clone();
        copy.size = size;
        copy.expiring = expiring;
        return copy;
    }

    /** The keys, new Keys in slot order. */
    List<Key> keys() {
        List<Key> keys = new ArrayList<>(size);
        for (int i = 0; size > 0 && i < entries.length; i++) {
            if (entries[i] != null) {
                keys.add(key(i));
            }
        }
        return keys;
    }

    /**
     * The keys one of {@code segments} segments gets of {@code keys} spread by hash: the mean and
     * three standard deviations (a segment's share varies by its square root), so most never grow.
     */
    static int share(long keys, int segments) {
        long mean = keys / segments;
        return (int) Math.min(mean + 3 * (long) Math.sqrt(mean), 1 << 20); // past that, a populate would not fit anyway
    }

    /** Grows the table once to hold {@code keys} keys without growing again (dictExpand). */
    void reserve(int keys) {
        long capacity = keys * 4L / 3 + 1;
        if (capacity > entries.length) {
            resize((int) capacity);
        }
    }

    /** Whether the key arena exists (for tests: a segment of packed strings needs none). */
    boolean holdsKeyObjects() {
        return arena != null;
    }

    /** Bytes of the key arena's chunks, dropped keys' included (for tests). */
    long arenaBytes() {
        return arena == null ? 0 : arena.footprint();
    }

    int capacity() {
        return entries.length;
    }

    /**
     * The first slot to probe for a hash (the segment was chosen by other bits of it): the mixed
     * hash scaled to the capacity by a multiply, not masked, so a capacity need not be a power of two.
     */
    private static int home(int hash, int capacity) {
        int h = hash * 0x85EBCA6B;
        return (int) (((h ^ (h >>> 15)) & 0xFFFFFFFFL) * capacity >>> 32);
    }

    /** The slot after i, wrapping around (the table is probed linearly). */
    private static int after(int i, int capacity) {
        return ++i == capacity ? 0 : i;
    }

    /**
     * The capacity a full table grows to: twice as large. Half as large again left 2.6 MB less
     * live heap for 1M small strings, but the more frequent growth left more old tables to the old
     * generation while loading 100k hashes, sets and zsets: RSS after the load +7 MB, 3 runs.
     */
    static int grown(int capacity) {
        return capacity * 2;
    }

    /** The byte of a hash a slot keeps: other bits than the segment's and, mostly, than the home slot's. */
    private static byte tag(int hash) {
        return (byte) ((hash * 0xC2B2AE35) >>> 24);
    }

    /** The hash of a slot's key, from its bytes (Key's hash: the table keeps only its {@link #tag}). */
    private int hashAt(int slot) {
        Object e = entries[slot];
        return e instanceof byte[] packed ? PackedString.keyHash(packed) : arena.hash(keyAt[slot]);
    }

    /** The slot holding key, or -1. */
    int find(Key key) {
        int hash = key.hashCode();
        byte tag = tag(hash);
        int capacity = entries.length;
        for (int i = home(hash, capacity); ; i = after(i, capacity)) {
            Object e = entries[i];
            if (e == null) {
                return -1;
            }
            if (tags[i] == tag && (e instanceof byte[] packed ? PackedString.hasKey(packed, key.bytes()) : arena.matches(keyAt[i], key.bytes()))) {
                return i;
            }
        }
    }

    boolean occupied(int slot) {
        return entries[slot] != null;
    }

    /** The key in an occupied slot, a new Key. */
    Key key(int slot) {
        Object e = entries[slot];
        if (e instanceof byte[] packed) {
            return PackedString.key(packed);
        }
        return arena.key(keyAt[slot]);
    }

    /** The value in an occupied slot: the stored object, or a packed string unpacked (see {@link PackedString}). */
    RedisValue value(int slot) {
        Object e = entries[slot];
        return e instanceof RedisValue v ? v : PackedString.unpack((byte[]) e);
    }

    /** The bytes a slot counts for in used memory (RedisValue.memory, computed for packed strings). */
    long memory(int slot) {
        Object e = entries[slot];
        return e instanceof RedisValue v ? v.memory() : PackedString.memory((byte[]) e);
    }

    long expireAt(int slot) {
        return expires == null ? NO_EXPIRE : expires[slot];
    }

    /**
     * Stores value under key, packed when it is a plain small string, keeping the key's expiry;
     * returns the memory the previous value counted for, or -1 if the key is new.
     */
    long put(Key key, RedisValue value) {
        return put(key, value, false);
    }

    /**
     * As {@link #put(Key, RedisValue)}; with {@code inPlace} (no snapshot shares this segment's
     * entries) a small string replacing a packed one of the same size is written into the existing
     * entry: no new object survives into the old generation, and the young collection has no
     * card of the table to scan for it (an overwriting SET otherwise makes one live object per call).
     */
    long put(Key key, RedisValue value, boolean inPlace) {
        int slot = find(key);
        if (inPlace && slot >= 0 && value instanceof StringValue s && entries[slot] instanceof byte[] existing) {
            long old = PackedString.memory(existing);
            if (PackedString.repack(existing, s)) {
                s.packed = existing;
                return old;
            }
        }
        byte[] packed = value instanceof StringValue s ? PackedString.pack(key, s) : null;
        if (value instanceof StringValue s) {
            s.packed = packed; // later changes to its encoding or clock reach the packed copy
        }
        Object entry = packed != null ? packed : value;
        if (slot >= 0) {
            long old = memory(slot);
            boolean hadKey = entries[slot] instanceof RedisValue;
            if (packed == null && !hadKey) {
                int at = append(key.bytes()); // the packed string carried it: now the arena does (keyAt may be new)
                keyAt[slot] = at;
            } else if (packed != null && hadKey) {
                dropKey(slot);
            }
            entries[slot] = entry;
            compactKeys();
            return old;
        }
        if ((size + 1) * 4L > entries.length * 3L) {
            resize(grown(entries.length));
        }
        int hash = key.hashCode();
        int capacity = entries.length;
        int i = home(hash, capacity);
        while (entries[i] != null) {
            i = after(i, capacity);
        }
        tags[i] = tag(hash);
        if (packed == null) {
            int at = append(key.bytes()); // before keyAt is read: append may make it
            keyAt[i] = at;
        }
        entries[i] = entry;
        size++;
        return -1;
    }

    /** Records a RedisValue's key in a new slot, making the arena for the first one. */
    private int append(byte[] key) {
        if (arena == null) {
            arena = new KeyArena();
            keyAt = new int[entries.length];
        }
        return arena.append(key);
    }

    /** A RedisValue's slot no longer needs its key; the arena goes with the segment's last one. */
    private void dropKey(int slot) {
        if (arena.drop(keyAt[slot])) {
            arena = null;
            keyAt = null;
        }
    }

    /** Copies the live keys to a new arena once dropped ones outweigh them (a frozen copy keeps the old). */
    private void compactKeys() {
        if (arena == null || !arena.wasteful()) {
            return;
        }
        KeyArena fresh = new KeyArena();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] instanceof RedisValue) {
                keyAt[i] = fresh.append(arena, keyAt[i]);
            }
        }
        arena = fresh;
    }

    /** Sets or replaces the TTL of the key in slot; true if it had none. */
    boolean expire(int slot, long unixMillis) {
        if (expires == null) {
            expires = new long[entries.length];
            Arrays.fill(expires, NO_EXPIRE);
        }
        boolean added = expires[slot] == NO_EXPIRE;
        expires[slot] = unixMillis;
        if (added) {
            expiring++;
        }
        return added;
    }

    /** Clears the TTL of the key in slot; true if it had one. */
    boolean persist(int slot) {
        if (expires == null || expires[slot] == NO_EXPIRE) {
            return false;
        }
        expires[slot] = NO_EXPIRE;
        expiring--;
        return true;
    }

    /** Empties slot, shifting back the entries after it that probed past it (no tombstones). */
    void remove(int slot) {
        persist(slot);
        if (entries[slot] instanceof RedisValue) {
            dropKey(slot);
        }
        int capacity = entries.length;
        int hole = slot;
        for (int j = after(slot, capacity); entries[j] != null; j = after(j, capacity)) {
            int h = home(hashAt(j), capacity);
            // entry j may move to the hole if its home is not cyclically within (hole, j]
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays) {
                move(j, hole);
                hole = j;
            }
        }
        tags[hole] = 0;
        entries[hole] = null;
        if (expires != null) {
            expires[hole] = NO_EXPIRE;
        }
        size--;
        if (entries.length > MIN_CAPACITY && size * 8L < entries.length) {
            resize(Math.max(MIN_CAPACITY, entries.length / 2));
        }
        compactKeys();
    }

    private void move(int from, int to) {
        tags[to] = tags[from];
        if (keyAt != null) {
            keyAt[to] = keyAt[from];
        }
        entries[to] = entries[from];
        if (expires != null) {
            expires[to] = expires[from];
        }
    }

    private void resize(int capacity) {
        byte[] oldTags = tags;
        int[] oldKeyAt = keyAt;
        Object[] oldEntries = entries;
        long[] oldExpires = expires;
        tags = new byte[capacity];
        keyAt = oldKeyAt == null ? null : new int[capacity]; // the arena stays: offsets move with their slots
        entries = new Object[capacity];
        if (oldExpires != null && expiring > 0) {
            expires = new long[capacity];
            Arrays.fill(expires, NO_EXPIRE);
        } else {
            expires = null;
        }
        for (int j = 0; j < oldEntries.length; j++) {
            if (oldEntries[j] == null) {
                continue;
            }
            int i = home(oldEntries[j] instanceof byte[] packed ? PackedString.keyHash(packed) : arena.hash(oldKeyAt[j]), capacity);
            while (entries[i] != null) {
                i = after(i, capacity);
            }
            tags[i] = oldTags[j];
            if (keyAt != null) {
                keyAt[i] = oldKeyAt[j];
            }
            entries[i] = oldEntries[j];
            if (expires != null) {
                expires[i] = oldExpires[j];
            }
        }
    }
}
