package dev.syncer.engine.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How the keyspace records accesses to values, as Redis's evict.c: the last access time (LRU, for
 * OBJECT IDLETIME) or, under an LFU maxmemory policy, a logarithmic access counter that decays
 * with time (for OBJECT FREQ). Pure functions named after Redis's, plus the policy in force.
 */
public final class KeyAccess {

    /** LFU_INIT_VAL: a new value's counter, so it is not evicted before it had a chance to be used. */
    public static final int LFU_INIT_VAL = 5;
    /** LRU_CLOCK_MAX: the LRU clock wraps at 24 bits. */
    static final int LRU_CLOCK_MAX = (1 << 24) - 1;

    private boolean lfu;
    private long logFactor = 10;
    private long decayMinutes = 1;

    /** Follows maxmemory-policy, lfu-log-factor and lfu-decay-time. */
    public void policy(boolean lfu, long logFactor, long decayMinutes) {
        this.lfu = lfu;
        this.logFactor = logFactor;
        this.decayMinutes = decayMinutes;
    }

    public boolean lfu() {
        return lfu;
    }

    /**
     * A value stored under a key: if it is a new object (createObject), the LRU clock now or the
     * initial counter under LFU; a value moved from another key (RENAME, MOVE) keeps its own.
     */
    void stored(RedisValue v, long nowMillis) {
        if (v.lru != 0) {
            return;
        }
        v.lru(lfu ? (int) (minutes(nowMillis) << 8 | LFU_INIT_VAL) : lruClock(nowMillis));
    }

    /** A value looked up without LOOKUP_NOTOUCH: updateLFU under LFU, else the LRU clock. */
    void touched(RedisValue v, long nowMillis) {
        if (lfu) {
            int counter = lfuLogIncr(lfuDecrAndReturn(v.lru, nowMillis, decayMinutes),
                    logFactor, ThreadLocalRandom.current().nextDouble());
            v.lru((int) (minutes(nowMillis) << 8 | counter));
        } else {
            v.lru(lruClock(nowMillis));
        }
    }

    /** OBJECT FREQ: the counter after decay, without counting this read (the field read as LFU data). */
    public int frequency(RedisValue v, long nowMillis) {
        return lfuDecrAndReturn(v.lru, nowMillis, decayMinutes);
    }

    /** OBJECT IDLETIME: estimateObjectIdleTime in whole seconds (the field read as an LRU clock). */
    public static long idleSeconds(RedisValue v, long nowMillis) {
        long clock = lruClock(nowMillis);
        return clock >= v.lru ? clock - v.lru : clock + (LRU_CLOCK_MAX - v.lru);
    }

    /** estimateObjectIdleTime in ms (the LRU clock has a one-second resolution), for eviction's ranking. */
    public static long idleMillis(RedisValue v, long nowMillis) {
        return idleSeconds(v, nowMillis) * 1000;
    }

    /** RESTORE ... FREQ (objectSetLRUOrLFU): the counter as of now. */
    public static void setFrequency(RedisValue v, int counter, long nowMillis) {
        v.lru((int) (minutes(nowMillis) << 8 | counter));
    }

    /** RESTORE ... IDLETIME (objectSetLRUOrLFU): an access that many seconds ago on the wrapping clock. */
    public static void setIdle(RedisValue v, long idleSeconds, long nowMillis) {
        long clock = lruClock(nowMillis);
        long at = clock - idleSeconds;
        v.lru((int) (at < 0 ? (clock + LRU_CLOCK_MAX / 2) % LRU_CLOCK_MAX : at));
    }

    /** getLRUClock: unix seconds on 24 bits (LRU_CLOCK_RESOLUTION 1000 ms). */
    static int lruClock(long nowMillis) {
        return (int) ((nowMillis / 1000) & LRU_CLOCK_MAX);
    }

    /** LFUGetTimeInMinutes: the unix time in minutes, on 16 bits. */
    static long minutes(long nowMillis) {
        return (nowMillis / 1000 / 60) & 65535;
    }

    /** LFUTimeElapsed: minutes since ldt, across the 16-bit wrap-around. */
    static long lfuTimeElapsed(long ldt, long nowMillis) {
        long now = minutes(nowMillis);
        return now >= ldt ? now - ldt : 65535 - ldt + now;
    }

    /** LFUDecrAndReturn: the counter less one per decay period elapsed since it was last updated. */
    static int lfuDecrAndReturn(int packed, long nowMillis, long decayMinutes) {
        long ldt = (packed >>> 8) & 65535;
        int counter = packed & 255;
        long periods = decayMinutes > 0 ? lfuTimeElapsed(ldt, nowMillis) / decayMinutes : 0;
        return periods > counter ? 0 : (int) (counter - periods);
    }

    /** LFULogIncr: grows the counter with probability 1 / ((counter - LFU_INIT_VAL) * factor + 1). */
    static int lfuLogIncr(int counter, long logFactor, double random) {
        if (counter == 255) {
            return 255;
        }
        double base = Math.max(0, counter - LFU_INIT_VAL);
        double p = 1.0 / (base * logFactor + 1);
        return random < p ? counter + 1 : counter;
    }
}
