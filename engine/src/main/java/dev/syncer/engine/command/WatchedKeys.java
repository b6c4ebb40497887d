package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.server.ClientSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WATCHed keys, as Redis 7.0's multi.c: which clients watch which keys, and which of them saw a
 * watched key change since (CLIENT_DIRTY_CAS), so their EXEC answers a null array. A key changes
 * when a command — a client's, the primary's stream's or an expiry's DEL — writes it
 * (touchWatchedKey), when FLUSHDB/FLUSHALL empties or SWAPDB replaces a database holding it
 * (touchAllWatchedKeysInDb), or when it expires between WATCH and EXEC (isWatchedKeyExpired).
 */
public final class WatchedKeys {

    private record DbKey(int db, Key key) {
    }

    private final Map<DbKey, List<ClientSession>> byKey = new HashMap<>();
    /** Per watching client, its keys and whether each was already expired when watched. */
    private final Map<ClientSession, Map<DbKey, Boolean>> bySession = new HashMap<>();
    private final Map<ClientSession, Boolean> dirty = new HashMap<>();

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Redis's watchForKey; nothing more is watched once the client is dirty. */
    void watch(ClientSession session, Database db, Key key, long now) {
        if (dirty.containsKey(session)) {
            return;
        }
        DbKey dk = new DbKey(db.index(), key);
        Map<DbKey, Boolean> mine = bySession.computeIfAbsent(session, s -> new LinkedHashMap<>());
        if (mine.containsKey(dk)) {
            return;
        }
        mine.put(dk, expired(db, key, now));
        byKey.computeIfAbsent(dk, k -> new ArrayList<>()).add(session);
    }

    /** How many keys the client watches (for its memory, as Redis's multiStateMemOverhead). */
    public int count(ClientSession session) {
        Map<DbKey, Boolean> mine = bySession.get(session);
        return mine == null ? 0 : mine.size();
    }

    /** Redis's unwatchAllKeys: after EXEC, DISCARD, UNWATCH, or a disconnect. */
    public void unwatchAll(ClientSession session) {
        dirty.remove(session);
        Map<DbKey, Boolean> mine = bySession.remove(session);
        if (mine == null) {
            return;
        }
        for (DbKey dk : mine.keySet()) {
            List<ClientSession> watchers = byKey.get(dk);
            watchers.remove(session);
            if (watchers.isEmpty()) {
                byKey.remove(dk);
            }
        }
    }

    /**
     * Redis's touchWatchedKey: every client watching key in db is dirty, except one that watched it
     * already expired and now finds it deleted (the expired key's lazy deletion changes nothing).
     */
    public void touch(Database db, Key key) {
        DbKey dk = new DbKey(db.index(), key);
        List<ClientSession> watchers = byKey.get(dk);
        if (watchers != null) {
            for (ClientSession s : watchers) {
                Map<DbKey, Boolean> mine = bySession.get(s);
                if (mine.get(dk) && db.peek(key) == null) {
                    mine.put(dk, false);
                    continue;
                }
                dirty.put(s, Boolean.TRUE);
            }
        }
    }

    /**
     * Redis's touchAllWatchedKeysInDb, called before a database is emptied (replacedWith null) or
     * swapped with replacedWith: a watched key that exists on either side counts as changed.
     */
    void touchDatabase(Keyspace keyspace, int emptied, Integer replacedWith, long now) {
        Database from = keyspace.db(emptied);
        Database to = replacedWith == null ? null : keyspace.db(replacedWith);
        for (Map.Entry<DbKey, List<ClientSession>> e : new ArrayList<>(byKey.entrySet())) {
            DbKey dk = e.getKey();
            if (dk.db() != emptied) {
                continue;
            }
            boolean inEmptied = from.peek(dk.key()) != null;
            boolean inReplacement = to != null && to.peek(dk.key()) != null;
            if (!inEmptied && !inReplacement) {
                continue;
            }
            for (ClientSession s : e.getValue()) {
                Map<DbKey, Boolean> mine = bySession.get(s);
                boolean wasExpired = mine.get(dk);
                if (wasExpired) {
                    if (!inReplacement) {
                        mine.put(dk, false); // an expired key now deleted: no logical change
                        continue;
                    }
                    if (expired(to, dk.key(), now)) {
                        continue;
                    }
                } else if (!inEmptied && expired(to, dk.key(), now)) {
                    mine.put(dk, true); // nothing replaced by an expired key
                    continue;
                }
                dirty.put(s, Boolean.TRUE);
            }
        }
    }

    /** Whether EXEC must answer a null array: a watched key changed, or expired since WATCH. */
    boolean execAborted(ClientSession session, Keyspace keyspace, long now) {
        if (dirty.containsKey(session)) {
            return true;
        }
        Map<DbKey, Boolean> mine = bySession.get(session);
        if (mine != null) {
            for (Map.Entry<DbKey, Boolean> e : mine.entrySet()) {
                if (!e.getValue() && expired(keyspace.db(e.getKey().db()), e.getKey().key(), now)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Redis's keyIsExpired: the key is still stored but its time has passed. */
    private static boolean expired(Database db, Key key, long now) {
        long at = db.expireAt(key);
        return at >= 0 && at <= now && db.peek(key) != null;
    }

    /** Keys a command's argument vector names, by its table row's first/last/step (COMMAND's key positions). */
    /** The keys a write signals as modified: those it named itself, else every key of its forms. */
    static void forEachWrittenKey(CommandTable table, List<byte[][]> forms, List<Key> only,
            java.util.function.Consumer<Key> action) {
        if (only != null) {
            only.forEach(action);
            return;
        }
        for (byte[][] form : forms) {
            forEachKey(table.lookup(form[0]), form, action);
        }
    }

    static void forEachKey(CommandSpec spec, byte[][] argv, java.util.function.Consumer<Key> action) {
        if (spec == null || spec.firstKey() <= 0) {
            return;
        }
        int last = spec.lastKey() < 0 ? argv.length + spec.lastKey() : spec.lastKey();
        int step = Math.max(1, spec.step());
        for (int i = spec.firstKey(); i <= last && i < argv.length; i += step) {
            action.accept(new Key(argv[i]));
        }
    }
}
