package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis 7's slaveKeysWithExpire: keys a client wrote with a TTL directly on a writable replica
 * ({@code replica-read-only no}). The primary never sends a DEL for them, so the replica expires
 * them itself (expireSlaveKeys), locally and without propagating; every other key still waits for
 * its primary's DEL.
 */
public final class ReplicaKeysWithExpire {

    private final Map<Key, BitSet> keys = new HashMap<>(); // key -> the databases it was written in

    /** rememberSlaveKeyWithExpire. */
    public void remember(int db, Key key) {
        keys.computeIfAbsent(key, k -> new BitSet()).set(db);
    }

    public int size() {
        return keys.size();
    }

    void clear() {
        keys.clear();
    }

    /**
     * expireSlaveKeys: deletes the remembered keys whose time has passed and forgets those that no
     * longer have a TTL (the primary overwrote them, or a client persisted them). Returns how many
     * keys were deleted.
     */
    int expire(Keyspace keyspace, long nowMillis) {
        int deleted = 0;
        List<Key> forget = new ArrayList<>();
        for (Map.Entry<Key, BitSet> e : keys.entrySet()) {
            BitSet dbs = e.getValue();
            for (int db = dbs.nextSetBit(0); db >= 0; db = dbs.nextSetBit(db + 1)) {
                Database d = keyspace.db(db);
                long at = d.expireAt(e.getKey());
                if (at >= 0 && at < nowMillis && d.discard(e.getKey())) { // keyIsExpired: now > when
                    deleted++;
                    dbs.clear(db);
                } else if (at < 0) {
                    dbs.clear(db);
                }
            }
            if (dbs.isEmpty()) {
                forget.add(e.getKey());
            }
        }
        forget.forEach(keys::remove);
        return deleted;
    }
}
