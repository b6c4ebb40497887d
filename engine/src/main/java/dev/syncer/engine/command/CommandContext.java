package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.List;

/**
 * What a running command sees: its arguments, the client, the shard, and where to reply.
 * A write command calls {@link #changed()} when it modified data; the dispatcher then propagates
 * it to replicas as it arrived, or as {@link #propagateAs} rewrote it (Redis rewrites relative
 * expiries to absolute ones, for example, so replicas apply the same instant).
 */
public final class CommandContext {

    private final CommandDispatcher dispatcher;
    private final Shard shard;
    private final ClientSession session;
    private final Args args;
    private final Reply reply;
    private int changes;
    private List<byte[][]> rewritten;
    private List<Key> modifiedOnly;

    public CommandContext(CommandDispatcher dispatcher, Shard shard, ClientSession session, Args args, Reply reply) {
        this.dispatcher = dispatcher;
        this.shard = shard;
        this.session = session;
        this.args = args;
        this.reply = reply;
    }

    public Shard shard() {
        return shard;
    }

    /** The dispatcher running this command: its table (COMMAND), and EXEC running a queue through it. */
    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    public ClientSession session() {
        return session;
    }

    public Args args() {
        return args;
    }

    public Reply reply() {
        return reply;
    }

    /** The client's selected database. */
    public Database db() {
        return shard.keyspace().db(session.db());
    }

    /** Milliseconds since the epoch, from the shard's clock. */
    public long now() {
        return shard.clock().millis();
    }

    /**
     * Redis's checkAlreadyExpired: an expiry time in the past deletes the key at once, except on a
     * replica and while the AOF loads (both run as the primary-stream client here), which keep the
     * key with its time so the dataset matches what the primary or the file says.
     */
    public boolean alreadyExpired(long when) {
        return when <= now() && !shard.keyspace().isReplica() && session.kind() != ClientSession.Kind.MASTER;
    }

    /** The value at key if it has the expected type, null if missing; WRONGTYPE otherwise. Counts hits/misses. */
    public <T extends RedisValue> T read(Key key, Class<T> type) {
        RedisValue v = db().get(key);
        if (v == null) {
            shard.stats().keyspaceMisses++;
            notify(KeyspaceEvents.KEY_MISS, "keymiss", key);
            return null;
        }
        shard.stats().keyspaceHits++;
        if (!type.isInstance(v)) {
            throw CommandError.wrongType();
        }
        return type.cast(v);
    }

    /** The value at key, safe to mutate in place, if it has the expected type; null if missing. */
    public <T extends RedisValue> T write(Key key, Class<T> type) {
        RedisValue v = db().getForWrite(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw CommandError.wrongType();
        }
        return type.cast(v);
    }

    /** Marks that the command changed data (Redis's server.dirty++). */
    public void changed() {
        changes++;
    }

    public void changed(int n) {
        changes += n;
    }

    public int changes() {
        return changes;
    }

    /** notifyKeyspaceEvent for key in the client's database (class: a {@link KeyspaceEvents} flag). */
    public void notify(int type, String event, Key key) {
        dispatcher.keyspaceEvents().notify(type, event, key, session.db());
    }

    /** notifyKeyspaceEvent for key in database db (MOVE, COPY DB). */
    public void notify(int type, String event, Key key, int db) {
        dispatcher.keyspaceEvents().notify(type, event, key, db);
    }

    /** Propagates this form instead of the command as received; may be called more than once. */
    public void propagateAs(byte[]... argv) {
        if (rewritten == null) {
            rewritten = new ArrayList<>(1);
        }
        rewritten.add(argv);
        changes = Math.max(changes, 1);
    }

    /** The rewritten forms, or null to propagate the command as received. */
    List<byte[][]> rewritten() {
        return rewritten;
    }

    /**
     * For a write that changed fewer keys than it names (SMOVE into a set that already had the
     * member changes only the source): Redis calls signalModifiedKey for these alone, so WATCH,
     * blocked clients and tracking hear only of them; it still propagates as usual.
     */
    public void modifiedOnly(Key... keys) {
        modifiedOnly = List.of(keys);
    }

    /** The keys named by {@link #modifiedOnly}, or null: every key of what it propagates. */
    List<Key> modifiedOnly() {
        return modifiedOnly;
    }
}
