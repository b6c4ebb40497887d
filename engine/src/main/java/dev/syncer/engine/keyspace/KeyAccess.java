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

    /** A value just created (createObject): accessed now, with the initial counter. */
    void created(RedisValue v, long nowMillis) {
        v.lastAccess = nowMillis;
        v.lfu = (int) (minutes(nowMillis) << 8 | LFU_INIT_VAL);
    }

    /** A value looked up without LOOKUP_NOTOUCH: updateLFU under LFU, else the LRU clock. */
    void touched(RedisValue v, long nowMillis) {
        if (lfu) {
            int counter = lfuLogIncr(lfuDecrAndReturn(v.lfu, nowMillis, decayMinutes),
                    logFactor, ThreadLocalRandom.current().nextDouble());
            v.lfu = (int) (minutes(nowMillis) << 8 | counter);
        } else {
            v.lastAccess = nowMillis;
        }
    }

    /** OBJECT FREQ: the counter after decay, without counting this read. */
    public int frequency(RedisValue v, long nowMillis) {
        return lfuDecrAndReturn(v.lfu, nowMillis, decayMinutes);
    }

    /** OBJECT IDLETIME: whole seconds since the last access. */
    public static long idleSeconds(RedisValue v, long nowMillis) {
        return Math.max(0, nowMillis - v.lastAccess) / 1000;
    }

    /** RESTORE ... FREQ: sets the counter as of now. */
    public static void setFrequency(RedisValue v, int counter, long nowMillis) {
        v.lfu = (int) (minutes(nowMillis) << 8 | counter);
    }

    /** RESTORE ... IDLETIME: an access that many seconds ago. */
    public static void setIdle(RedisValue v, long idleSeconds, long nowMillis) {
        v.lastAccess = nowMillis - Math.min(idleSeconds, nowMillis / 1000) * 1000;
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
