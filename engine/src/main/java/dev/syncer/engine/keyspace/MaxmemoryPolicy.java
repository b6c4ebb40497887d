package dev.syncer.engine.keyspace;

import java.util.Locale;

/** maxmemory-policy: which keys eviction may pick (all or only those with a TTL) and how it ranks them. */
public enum MaxmemoryPolicy {
    VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL,
    ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, NOEVICTION;

    /** The policy named as CONFIG SET takes it ("allkeys-lru"); IllegalArgumentException if none. */
    public static MaxmemoryPolicy of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument(s) must be one of the following: volatile-lru, allkeys-lru, "
                    + "volatile-lfu, allkeys-lfu, volatile-random, allkeys-random, volatile-ttl, noeviction");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** MAXMEMORY_FLAG_ALLKEYS: any key may go, not only those with a TTL. */
    public boolean allKeys() {
        return this == ALLKEYS_LRU || this == ALLKEYS_LFU || this == ALLKEYS_RANDOM;
    }

    public boolean random() {
        return this == ALLKEYS_RANDOM || this == VOLATILE_RANDOM;
    }

    public boolean lfu() {
        return this == ALLKEYS_LFU || this == VOLATILE_LFU;
    }

    public boolean lru() {
        return this == ALLKEYS_LRU || this == VOLATILE_LRU;
    }
}
