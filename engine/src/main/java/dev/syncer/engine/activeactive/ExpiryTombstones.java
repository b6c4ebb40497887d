package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.activeactive.crdt.Delta;
import dev.syncer.engine.activeactive.crdt.Hlc;
import dev.syncer.engine.activeactive.crdt.KeyState;

/**
 * An expiry in an Active-Active primary: instead of a DEL, a time-based tombstone — every register
 * write made up to the expiry instant is gone — joined locally and propagated as CRDT.APPLY, with
 * the removal of the counter points this cluster had seen (counters are removed by observation:
 * an increment still in flight survives, as an update concurrent with a delete does). Every cluster
 * removes exactly the same writes, whatever order they arrived in; a write made after the instant
 * (possible when clocks differ) survives, so the key may come straight back with it.
 */
final class ExpiryTombstones implements Keyspace.ExpiryListener {

    private final ActiveActive aa;

    ExpiryTombstones(ActiveActive aa) {
        this.aa = aa;
    }

    @Override
    public void expired(int db, Key key) {
        expired(db, key, null, aa.shard().clock().millis());
    }

    @Override
    public void expired(int db, Key key, RedisValue value, long expireAt) {
        aa.shard().stats().expiredKeys++;
        long bound = Hlc.ofMillis(expireAt + 1); // the key lived through its expiry millisecond (keyIsExpired: now > when)
        aa.observe(bound); // local writes from now on are later than the expiry, whatever the clock says
        // The removed value may still be shared with a snapshot: work on a copy of its state.
        KeyState state = value != null && value.meta() instanceof KeyState s ? s.copy() : new KeyState();
        Delta delta = new Delta(aa.nextTag());
        delta.key(key).expireBefore(bound);
        delta.key(key).join(state.observedCounterRemoval()); // counters: what this cluster saw of them
        state.join(delta.key(key));
        aa.store().replace(db, key, state);
        if (state.isAlive()) {
            aa.store().revived(key);
        }
        aa.shard().dispatcher().propagate(db, ApplyCommands.argv(delta)); // in order with the command that found it
        aa.shard().dispatcher().keyExpired(db, key);
        aa.expiredLocally();
    }
}
