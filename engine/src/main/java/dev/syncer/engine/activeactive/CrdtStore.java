package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.activeactive.crdt.Changes;
import dev.syncer.engine.activeactive.crdt.ElementKind;
import dev.syncer.engine.activeactive.crdt.KeyState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a shard keeps its keys' conflict-free states: a live key's state is the metadata of its
 * value; a deleted key's state (its tombstone: the removals and expiry it must remember so late
 * writes they cover stay suppressed) lives here, per database, until the key comes back.
 *
 * <p>{@link #apply} is the one path every change takes — a local command's delta, a remote
 * cluster's, a replica applying its primary's stream, a full-state merge: join the delta into the
 * key's state, then bring the visible Redis value and TTL in line with the result. Event loop only.
 */
final class CrdtStore {

    private final Keyspace keyspace;
    private final List<HashMap<Key, KeyState>> tombstones = new ArrayList<>();
    private Key revived; // a key the expiry listener just put back (writes later than the expiry survive)

    CrdtStore(Keyspace keyspace) {
        this.keyspace = keyspace;
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            tombstones.add(new HashMap<>());
        }
    }

    /**
     * The live value as a command sees it: missing if expired (a primary deletes it then, which
     * turns the expiry into a tombstone; writes later than the expiry may bring the key straight back).
     */
    RedisValue live(int db, Key key) {
        RedisValue v = keyspace.db(db).get(key);
        if (v == null && key.equals(revived)) {
            v = keyspace.db(db).get(key);
        }
        revived = null;
        return v;
    }

    /** The key's state: its value's (present even if logically expired), else its tombstone; null if none. */
    KeyState state(int db, Key key) {
        RedisValue v = keyspace.db(db).peek(key);
        if (v != null) {
            return v.meta() instanceof KeyState s ? s : null;
        }
        return tombstones.get(db).get(key);
    }

    /**
     * Joins delta into key's state and updates the visible value and TTL. A plain value (no state)
     * is replaced by what the state holds: callers that must keep its content adopt it first.
     */
    Changes apply(int db, Key key, KeyState delta) {
        Database d = keyspace.db(db);
        RedisValue current = d.peek(key);
        KeyState state;
        if (current != null && current.meta() instanceof KeyState s) {
            if (current instanceof StringValue) {
                state = s.copy(); // a string value is immutable, its state too: the join makes a new one
            } else {
                current = d.peekForWrite(key); // may be a private copy if a snapshot holds the value
                state = (KeyState) current.meta();
            }
        } else {
            state = tombstones.get(db).remove(key);
            if (state == null) {
                state = new KeyState();
            }
        }
        Changes changes = state.join(delta);
        store(d, key, current, state, changes);
        return changes;
    }

    /** Puts a state computed elsewhere (the expiry of a value already removed) in place. */
    void replace(int db, Key key, KeyState state) {
        Database d = keyspace.db(db);
        tombstones.get(db).remove(key);
        store(d, key, d.peek(key), state, null);
    }

    private void store(Database d, Key key, RedisValue current, KeyState state, Changes changes) {
        ElementKind kind = state.visibleKind();
        if (kind == null) {
            if (current != null) {
                d.discard(key);
            }
            if (!state.isEmpty()) {
                tombstones.get(d.index()).put(key, state);
            }
            return;
        }
        if (changes != null && canUpdateInPlace(current, state, kind, changes)) {
            for (Key name : changes.elements(kind)) {
                updateElement(current, kind, name, state.elementValue(kind, name));
            }
        } else {
            d.putKeepTtl(key, state.materialize());
        }
        long at = state.visibleExpireAt();
        if (at >= 0) {
            if (d.expireAt(key) != at) {
                d.setExpire(key, at);
            }
        } else if (d.expireAt(key) >= 0) {
            d.persist(key);
        }
    }

    /** Narrow changes to a collection already showing this state are applied element by element. */
    private static boolean canUpdateInPlace(RedisValue current, KeyState state, ElementKind kind, Changes changes) {
        return current != null && current.meta() == state && kind.named() && !changes.wide()
                && current.type() == kind.valueType();
    }

    private static void updateElement(RedisValue current, ElementKind kind, Key name, Object value) {
        switch (kind) {
            case HASH -> {
                Map<Key, byte[]> fields = ((HashValue) current).fields();
                if (value == null) {
                    fields.remove(name);
                } else {
                    fields.put(name, (byte[]) value);
                }
            }
            case SET -> {
                if (value == null) {
                    ((SetValue) current).members().remove(name);
                } else {
                    ((SetValue) current).members().add(name);
                }
            }
            case ZSET -> {
                if (value == null) {
                    ((ZSetValue) current).remove(name);
                } else {
                    ((ZSetValue) current).put(name, (Double) value);
                }
            }
            default -> throw new IllegalStateException(kind + " is not updated in place");
        }
    }

    /** Tells {@link #live} that the expiry listener put key back. */
    void revived(Key key) {
        revived = key;
    }

    /** The deleted keys' states of a database, read-only (loop thread). */
    Map<Key, KeyState> tombstones(int db) {
        return Collections.unmodifiableMap(tombstones.get(db));
    }

    int tombstoneCount() {
        int n = 0;
        for (HashMap<Key, KeyState> t : tombstones) {
            n += t.size();
        }
        return n;
    }
}
