package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Redis's evict.c pool: the best eviction candidates seen so far, ordered by "idle" score (higher
 * goes first). Each round samples maxmemory-samples keys per database and keeps the
 * {@value #EVPOOL_SIZE} best, so eviction approximates true LRU / LFU / TTL order without
 * ordering every key. Keys in the pool may have gone since; the caller checks.
 */
public final class EvictionPool {

    /** EVPOOL_SIZE. */
    static final int EVPOOL_SIZE = 16;

    /** A candidate: key in db, with its score. */
    public record Candidate(int db, Key key, long idle) {
    }

    private final List<Candidate> pool = new ArrayList<>(EVPOOL_SIZE + 1); // ascending idle

    /**
     * The score a key is evicted by (higher first): idle time in ms under LRU, 255 minus the decayed
     * counter under LFU, and for volatile-ttl the sooner the expiry the higher.
     */
    static long idleScore(MaxmemoryPolicy policy, KeyAccess access, RedisValue v, long expireAt, long nowMillis) {
        if (policy == MaxmemoryPolicy.VOLATILE_TTL) {
            return Long.MAX_VALUE - expireAt;
        }
        if (policy.lfu()) {
            return 255 - access.frequency(v, nowMillis);
        }
        return KeyAccess.idleMillis(v, nowMillis);
    }

    /**
     * evictionPoolPopulate: samples keys of db (from those with a TTL unless the policy is
     * allkeys-*) and inserts those scoring better than the pool's worst, keeping it sorted and bounded.
     */
    public void populate(Database db, MaxmemoryPolicy policy, int samples, KeyAccess access, long nowMillis,
                         RandomGenerator random) {
        for (Key key : dictGetSomeKeys(db, !policy.allKeys(), samples, random)) {
            RedisValue v = db.peek(key);
            if (v != null) {
                insert(new Candidate(db.index(), key, idleScore(policy, access, v, db.expireAt(key), nowMillis)));
            }
        }
    }

    /** Inserts in ascending order; when full, a candidate worse than all present is dropped, else the worst goes. */
    void insert(Candidate c) {
        int k = 0;
        while (k < pool.size() && pool.get(k).idle() < c.idle()) {
            k++;
        }
        for (Candidate present : pool) {
            if (present.db() == c.db() && present.key().equals(c.key())) {
                return; // already a candidate
            }
        }
        if (k == 0 && pool.size() == EVPOOL_SIZE) {
            return;
        }
        pool.add(k, c);
        if (pool.size() > EVPOOL_SIZE) {
            pool.remove(0);
        }
    }

    /** The best candidate, removed from the pool; null when empty. */
    public Candidate popBest() {
        return pool.isEmpty() ? null : pool.remove(pool.size() - 1);
    }

    public int size() {
        return pool.size();
    }

    public void clear() {
        pool.clear();
    }

    /**
     * dictGetSomeKeys: up to count keys from a random place in the database (its main dict, or
     * only keys with a TTL), walking segments from a random one, as Redis walks buckets.
     */
    public static List<Key> dictGetSomeKeys(Database db, boolean volatileOnly, int count, RandomGenerator random) {
        List<Key> keys = new ArrayList<>(count);
        if ((volatileOnly ? db.expiresSize() : db.size()) == 0) {
            return keys;
        }
        int start = random.nextInt(Database.SEGMENTS);
        for (int i = 0; i < Database.SEGMENTS && keys.size() < count; i++) {
            Segment seg = db.segmentForRead((start + i) & (Database.SEGMENTS - 1));
            if (seg == null) {
                continue;
            }
            int dictSize = volatileOnly ? seg.expiring() : seg.size();
            // the first segment from a random position in it, so no key is always behind others
            int skip = keys.isEmpty() && dictSize > count ? random.nextInt(dictSize - count + 1) : 0;
            for (int slot = 0; slot < seg.capacity() && keys.size() < count; slot++) {
                if (!seg.occupied(slot) || volatileOnly && seg.expireAt(slot) == Segment.NO_EXPIRE) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else {
                    keys.add(seg.key(slot));
                }
            }
        }
        return keys;
    }

    /** A random key of db for the random policies (only keys with a TTL unless allkeys-random); null if none. */
    public static Key randomKey(Database db, boolean volatileOnly, RandomGenerator random) {
        List<Key> some = dictGetSomeKeys(db, volatileOnly, 8, random);
        return some.isEmpty() ? null : some.get(random.nextInt(some.size()));
    }
}
