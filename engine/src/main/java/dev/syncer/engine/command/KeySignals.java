package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who must hear that keys changed: WATCHers (their EXEC fails) and clients blocked on the keys
 * (they are looked at again), for what a command wrote and for databases emptied or swapped whole.
 */
final class KeySignals {

    private final Shard shard;
    private final CommandTable table;
    private final WatchedKeys watched;
    private final BlockedKeys blocked;

    KeySignals(Shard shard, CommandTable table, WatchedKeys watched, BlockedKeys blocked) {
        this.shard = shard;
        this.table = table;
        this.watched = watched;
        this.blocked = blocked;
    }

    /**
     * Redis's signalModifiedKey for what a command wrote, read off the forms it propagates; a
     * written key is also ready for clients blocked on it (XADD to a stream a reader waits on).
     */
    void written(int db, List<byte[][]> forms, List<Key> only) {
        WatchedKeys.forEachWrittenKey(table, forms, only, key -> {
            watched.touch(shard.keyspace().db(db), key);
            blocked.signal(db, key);
        });
    }

    /**
     * Redis's signalFlushedDb / SWAPDB's touchAllWatchedKeysInDb and scanDatabaseForReadyKeys,
     * before the databases change: blocked clients are looked at again after the command.
     */
    void beforeEmptying(CommandSpec spec, ClientSession session, byte[][] argv) {
        long now = shard.clock().millis();
        int databases = shard.keyspace().databaseCount();
        switch (spec.name()) {
            case "flushall" -> {
                for (int i = 0; i < databases; i++) {
                    watched.touchDatabase(shard.keyspace(), i, null, now);
                    blocked.signalDatabase(i);
                }
            }
            case "flushdb" -> {
                watched.touchDatabase(shard.keyspace(), session.db(), null, now);
                blocked.signalDatabase(session.db());
            }
            case "swapdb" -> {
                Integer a = dbIndex(argv[1], databases);
                Integer b = dbIndex(argv[2], databases);
                if (a != null && b != null) {
                    watched.touchDatabase(shard.keyspace(), a, b, now);
                    watched.touchDatabase(shard.keyspace(), b, a, now);
                    blocked.signalDatabase(a);
                    blocked.signalDatabase(b);
                }
            }
            default -> {
            }
        }
    }

    /** A database index argument, or null when it is not one (the command then fails by itself). */
    private static Integer dbIndex(byte[] arg, int databases) {
        try {
            int i = Integer.parseInt(new String(arg, StandardCharsets.US_ASCII));
            return i >= 0 && i < databases ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
