package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Clients blocked on keys, as Redis 7.0's blocked.c: per key, the clients waiting for it in the
 * order they blocked; the keys made ready (created) since the last command; and
 * {@link #handleReady()} (handleClientsBlockedOnKeys), run after each top-level command, EXEC or
 * command of the primary's stream, which serves each ready key's clients first-blocked
 * first-served while the key still holds data, then the keys those serves readied (BLMOVE's
 * destination). Each serve is propagated on its own, as the non-blocking command it amounts to.
 */
public final class BlockedKeys {

    /** Runs a blocked command's effect on a key that became ready; false leaves the client blocked. */
    @FunctionalInterface
    interface Serve {
        boolean serve(CommandContext ctx, Key key);
    }

    private record DbKey(int db, Key key) {
    }

    private static final class Waiter {
        final ClientSession session;
        final int db;
        final byte[][] argv;
        final Collection<Key> keys;
        final Class<? extends RedisValue> type;
        final Serve serve;
        final Consumer<Reply> onTimeout;
        /** The error the client is unblocked with when its key is deleted or changes type; null: it waits on. */
        final String goneError;
        ScheduledFuture<?> timer;

        Waiter(ClientSession session, int db, byte[][] argv, Collection<Key> keys,
               Class<? extends RedisValue> type, Serve serve, Consumer<Reply> onTimeout, String goneError) {
            this.session = session;
            this.db = db;
            this.argv = argv;
            this.keys = keys;
            this.type = type;
            this.serve = serve;
            this.onTimeout = onTimeout;
            this.goneError = goneError;
        }
    }

    private final Shard shard;
    private final CommandDispatcher dispatcher;
    private final Map<DbKey, List<Waiter>> byKey = new HashMap<>();
    private final Map<ClientSession, Waiter> bySession = new HashMap<>();
    private LinkedHashSet<DbKey> ready = new LinkedHashSet<>();
    private boolean serving;

    BlockedKeys(Shard shard, CommandDispatcher dispatcher) {
        this.shard = shard;
        this.dispatcher = dispatcher;
    }

    /** Whether the client waits on keys (its slowlog entry is written when it is served). */
    boolean waiting(ClientSession session) {
        return bySession.containsKey(session);
    }

    /** Clients blocked on keys (INFO's blocked_clients). */
    public int count() {
        return bySession.size();
    }

    /**
     * Parks the running command's client until one of keys holds a value of type (then serve runs)
     * or until timeoutAt (unix ms; 0 waits forever), when onTimeout writes the reply.
     */
    void block(CommandContext ctx, Collection<Key> keys, Class<? extends RedisValue> type, long timeoutAt,
               Serve serve, Consumer<Reply> onTimeout) {
        block(ctx, keys, type, timeoutAt, serve, onTimeout, null);
    }

    /**
     * {@link #block(CommandContext, Collection, Class, long, Serve, Consumer)} for a client that is
     * unblocked with goneError when a key it waits on is deleted or changes type (XREADGROUP:
     * unblockDeletedStreamReadgroupClients).
     */
    void block(CommandContext ctx, Collection<Key> keys, Class<? extends RedisValue> type, long timeoutAt,
               Serve serve, Consumer<Reply> onTimeout, String goneError) {
        ClientSession session = ctx.session();
        Waiter w = new Waiter(session, session.db(), ctx.args().argv(), new LinkedHashSet<>(keys), type, serve,
                onTimeout, goneError);
        for (Key key : w.keys) {
            byKey.computeIfAbsent(new DbKey(w.db, key), k -> new ArrayList<>()).add(w);
        }
        bySession.put(session, w);
        session.block();
        if (timeoutAt > 0) {
            long delay = Math.max(0, timeoutAt - shard.clock().millis());
            w.timer = shard.loop().schedule(() -> {
                if (bySession.get(session) == w) {
                    release(w);
                    session.unblock(onTimeout);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Redis's signalKeyAsReady: key was created in db; its blocked clients are served after the command. */
    public void signal(int db, Key key) {
        if (byKey.isEmpty()) {
            return;
        }
        DbKey dk = new DbKey(db, key);
        if (byKey.containsKey(dk)) {
            ready.add(dk);
        }
    }

    /**
     * Every key clients wait on in db is ready: after a flush or a swap, each is served if it now
     * holds data, and an XREADGROUP told its stream is gone if it does not.
     */
    public void signalDatabase(int db) {
        for (DbKey dk : byKey.keySet()) {
            if (dk.db() == db) {
                ready.add(dk);
            }
        }
    }

    /** Redis's handleClientsBlockedOnKeys; re-entered (a served client's queued commands) it leaves the work to the outer call. */
    public void handleReady() {
        if (serving || ready.isEmpty()) {
            return;
        }
        serving = true;
        try {
            while (!ready.isEmpty()) {
                LinkedHashSet<DbKey> batch = ready;
                ready = new LinkedHashSet<>();
                for (DbKey dk : batch) {
                    serveKey(dk);
                }
            }
        } finally {
            serving = false;
        }
    }

    private void serveKey(DbKey dk) {
        List<Waiter> waiters = byKey.get(dk);
        if (waiters == null) {
            return;
        }
        Database db = shard.keyspace().db(dk.db());
        for (Waiter w : new ArrayList<>(waiters)) {
            if (bySession.get(w.session) != w) {
                continue;
            }
            RedisValue value = db.get(dk.key()); // null once the serves emptied and deleted it
            if (value != null && w.type.isInstance(value)) {
                serveOne(w, dk.key());
            } else if (w.goneError != null) {
                release(w);
                shard.stats().errorReplies++;
                w.session.unblock(reply -> reply.error(w.goneError));
            }
        }
    }

    private void serveOne(Waiter w, Key key) {
        if (w.session.channel() == null || !w.session.channel().isActive()) {
            release(w);
            return;
        }
        ByteBuf out = Unpooled.buffer(64);
        CommandContext ctx = new CommandContext(dispatcher, shard, w.session, new Args(w.argv), new Reply(out, w.session.protocol()));
        boolean served;
        long started = System.nanoTime();
        try {
            served = w.serve.serve(ctx, key);
        } catch (CommandError e) {
            // BLMOVE whose destination is not a list: Redis answers WRONGTYPE and unblocks the client
            ctx.reply().error(e.getMessage());
            shard.stats().errorReplies++;
            served = true;
        }
        if (!served) {
            out.release();
            return;
        }
        release(w);
        // as Redis's unblock: the slowlog gets the command as the client sent it (BLPOP, not LPOP)
        dispatcher.slowLog().record(dispatcher.table().lookup(w.argv[0]), w.session, w.argv,
                (System.nanoTime() - started) / 1000);
        shard.stats().dirty += ctx.changes();
        List<byte[][]> forms = ctx.rewritten();
        if (forms != null) {
            for (byte[][] form : forms) {
                shard.dispatcher().propagate(w.db, form);
            }
        }
        w.session.unblock(reply -> reply.raw(out));
        out.release();
    }

    /**
     * CLIENT UNBLOCK: answers the client as its timeout would, or with Redis's UNBLOCKED error;
     * false when the client is not blocked on keys.
     */
    public boolean unblock(ClientSession session, boolean error) {
        Waiter w = bySession.get(session);
        if (w == null) {
            return false;
        }
        release(w);
        if (error) {
            shard.stats().errorReplies++;
            String message = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
            dispatcher.commandStats().error(message);
            dispatcher.commandStats().failedWhileBlocked(dispatcher.table().lookup(w.argv[0]), w.argv);
            session.unblock(reply -> reply.error(message));
        } else {
            session.unblock(w.onTimeout);
        }
        return true;
    }

    /** disconnectAllBlockedClients: every waiter gets error, then its connection closes. */
    public void disconnectAll(String error) {
        for (Waiter w : List.copyOf(bySession.values())) {
            release(w);
            shard.stats().errorReplies++;
            dispatcher.commandStats().error(error);
            w.session.closeAfterReply(true);
            w.session.unblock(reply -> reply.error(error));
        }
    }

    /** A disconnected client waits no more. */
    public void forget(ClientSession session) {
        Waiter w = bySession.get(session);
        if (w != null) {
            release(w);
        }
    }

    private void release(Waiter w) {
        bySession.remove(w.session);
        if (w.timer != null) {
            w.timer.cancel(false);
        }
        for (Key key : w.keys) {
            DbKey dk = new DbKey(w.db, key);
            List<Waiter> list = byKey.get(dk);
            if (list != null) {
                list.remove(w);
                if (list.isEmpty()) {
                    byKey.remove(dk);
                }
            }
        }
    }
}
