package dev.syncer.engine.command;

import dev.syncer.engine.server.Dispatcher;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.server.ClientMemory;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.ProtectedActions;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one request the way Redis's {@code processCommand} does: look up, check arity and auth,
 * queue inside MULTI, refuse writes on a read-only replica, execute, then propagate what changed.
 *
 * <p>Propagation follows Redis 7.0's {@code call()} / {@code propagatePendingCommands}: whatever a
 * top-level command causes to be propagated — the DELs of keys it found expired, the extra forms
 * it asked for, itself — is collected and sent when it returns, wrapped in MULTI ... EXEC when it
 * is more than one command (so a replica applies it as a unit), except for commands that touch
 * arbitrary keys (SCAN, RANDOMKEY). EXEC gets the same treatment for its whole queue.
 */
public final class CommandDispatcher implements Dispatcher {

    /**
     * A check other components run before a command executes (replication: NOREPLICAS,
     * MASTERDOWN; CLIENT PAUSE and FAILOVER's pause last), where Redis's processCommand runs them: after
     * auth, before MULTI queueing.
     */
    @FunctionalInterface
    public interface Gate {
        /** Returned by a gate that parked the client ({@link ClientSession#block()}): no reply now. */
        String PARKED = "";

        /** Null lets the command run; an error text ("NOREPLICAS ...") refuses it; {@link #PARKED}. */
        String check(CommandSpec spec, ClientSession session, byte[][] argv);
    }

    private Shard shard;
    private final CommandTable table;
    private final Gates gates = new Gates();
    private Pausable pausable;
    private final java.util.Map<String, FlagsOf> flagsOf = new java.util.HashMap<>();
    private final SpecMemo<FlagsOf> resolver = new SpecMemo<>(spec -> flagsOf.getOrDefault(spec.name(), (s, a) -> s));
    private final PendingPropagation pending = new PendingPropagation();
    private EncodingTracker encodings; // the rest from the shard's settings, once attached
    private BlockedKeys blockedKeys;
    private final WatchedKeys watchedKeys = new WatchedKeys();
    private KeySignals keySignals;
    private PubSub pubSub;
    private KeyspaceEvents keyspaceEvents;
    private Authenticator authenticator;
    private Tracking tracking;
    private SlowLog slowLog;
    private CommandStats commandStats;
    private Monitors monitors;
    private CommandSpec topSpec; // the top-level command run() is in (EVAL for a script's calls)
    private byte[][] topArgv;
    private int depth; // nesting of run(): 1 for a client's command, 2 for a command EXEC runs

    public CommandDispatcher(CommandTable table) {
        this.table = table;
    }

    /** The standard command table, for a shard built without further components. */
    public static CommandDispatcher standard() {
        return new CommandDispatcher(CommandTable.standard());
    }

    @Override
    public void attach(Shard shard) {
        if (this.shard != null) {
            throw new IllegalStateException("a dispatcher serves one shard");
        }
        this.shard = shard;
        this.encodings = new EncodingTracker(shard.config());
        this.blockedKeys = new BlockedKeys(shard, this);
        this.keySignals = new KeySignals(shard, table, watchedKeys, blockedKeys);
        this.pubSub = new PubSub(shard);
        this.keyspaceEvents = new KeyspaceEvents(pubSub, shard.config());
        shard.keyspace().setKeyAddedListener((db, key) -> {
            keyspaceEvents.notify(KeyspaceEvents.NEW, "new", key, db); // dbAdd's, before the command's own
            blockedKeys.signal(db, key);
        });
        this.authenticator = Authenticator.requirepass(shard);
        IntrospectionSettings.define(shard.config());
        this.tracking = new Tracking(shard);
        this.slowLog = new SlowLog(shard);
        this.commandStats = new CommandStats(shard);
        this.monitors = new Monitors(shard.clock());
        shard.addCron(tracking::limitUsedSlots);
        OutOfMemoryGate oom = new OutOfMemoryGate(shard, table, watchedKeys);
        addGate((spec, session, argv) -> { // processCommand's first checks, one call per command
            String verdict = TransactionCommands.noMultiCheck(spec, session);
            if (verdict == null) {
                verdict = PubSubCommands.subscribedModeCheck(pubSub, spec, session);
            }
            if (verdict == null) {
                verdict = monitors.keyspaceCheck(spec, session);
            }
            return verdict == null ? oom.check(spec, session, argv) : verdict;
        });
    }

    @Override
    public void disconnected(ClientSession session) {
        blockedKeys.forget(session);
        watchedKeys.unwatchAll(session);
        pubSub.forget(session);
        tracking.forget(session);
        monitors.forget(session);
    }

    /** Clients in MONITOR mode. */
    public Monitors monitors() {
        return monitors;
    }

    SlowLog slowLog() {
        return slowLog;
    }

    CommandStats commandStats() {
        return commandStats;
    }

    /** Client-side caching (CLIENT TRACKING). */
    public Tracking tracking() {
        return tracking;
    }

    @Override
    public void infoStats(dev.syncer.engine.server.InfoSection.InfoWriter out) {
        out.field("migrate_cached_sockets", 0); // MIGRATE opens a connection each time
        tracking.info(out);
    }

    @Override
    public long clientStructuresMemory(ClientSession session) {
        int[] subs = pubSub.counts(session);
        Tracking.State t = tracking.state(session);
        return ClientMemory.watchedKeys(watchedKeys.count(session)) + ClientMemory.subscriptions(subs[1], subs[0], subs[2])
                + (t == null ? 0 : ClientMemory.trackingPrefixes(t.prefixes.size()));
    }

    @Override
    public boolean mayReplicate(ClientSession session, byte[][] argv) {
        return ClientPauseCommands.mayReplicate(this, session, argv);
    }

    @Override
    public int blockedClients() {
        return blockedKeys.count();
    }

    @Override
    public void disconnectAllBlockedClients(String error) {
        blockedKeys.disconnectAll(error);
    }

    /** Clients blocked on keys (BLPOP and the like). */
    public BlockedKeys blockedKeys() {
        return blockedKeys;
    }

    /** Keyspace notifications (notify-keyspace-events). */
    public KeyspaceEvents keyspaceEvents() {
        return keyspaceEvents;
    }

    @Override
    public void keyExpired(int db, Key key) {
        keyspaceEvents.notify(KeyspaceEvents.EXPIRED, "expired", key, db);
    }

    @Override
    public void keyEvicted(int db, Key key) {
        keyspaceEvents.notify(KeyspaceEvents.EVICTED, "evicted", key, db);
    }

    /** Channels and patterns clients subscribe to. */
    public PubSub pubSub() {
        return pubSub;
    }

    /** Keys clients WATCH. */
    public WatchedKeys watchedKeys() {
        return watchedKeys;
    }

    /** True while EXEC runs its queue: blocking commands answer as if timed out. */
    boolean inTransaction() {
        return depth > 1;
    }

    public CommandTable table() {
        return table;
    }

    @Override
    public boolean knows(byte[] name) {
        return table.lookup(name) != null;
    }

    /** Who AUTH and HELLO AUTH ask (the ACL component replaces the requirepass-only default). */
    public Authenticator authenticator() {
        return authenticator;
    }

    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public void addGate(Gate gate) {
        gates.add(gate);
    }

    public void pausable(Pausable runner) {
        this.pausable = runner;
    }

    /** Flags of {@code command} decided per call (see {@link FlagsOf}). */
    public void flagsOf(String command, FlagsOf resolver) {
        flagsOf.put(command, resolver);
        this.resolver.forget();
    }

    /** getCommandFlags: {@code spec} with the flags this call decides (a queued one's too); itself when none. */
    public CommandSpec flagsOf(CommandSpec spec, byte[][] argv) {
        return resolver.of(spec).resolve(spec, argv);
    }

    /** processCommand with resetClient: CLIENT REPLY OFF/SKIP drop the reply; tracking around it. */
    @Override
    public void execute(ClientSession session, byte[][] argv, Reply reply) {
        shard.clock().freeze(); // the request's time snapshot (commandTimeSnapshot)
        try {
            executeFrozen(session, argv, reply);
        } finally {
            shard.clock().thaw();
        }
    }

    private void executeFrozen(ClientSession session, byte[][] argv, Reply reply) {
        tracking.beginRequest(session);
        io.netty.buffer.ByteBuf real = null;
        if (session.repliesSilenced() && !PubSubCommands.repliesArePushes(argv[0])) {
            real = reply.buffer();
            reply.target(io.netty.buffer.Unpooled.buffer(64));
        }
        try {
            process(session, argv, reply);
        } finally {
            if (real != null) {
                io.netty.buffer.ByteBuf dropped = reply.buffer();
                if (!session.repliesSilenced()) {
                    real.writeBytes(dropped); // CLIENT REPLY ON answers itself
                }
                dropped.release();
                reply.target(real);
            }
            tracking.endRequest(session, argv[0]);
            session.requestDone();
        }
        tracking.hold(true); // a served client's invalidations follow its reply
        try {
            blockedKeys.handleReady(); // as processCommand: serve what the command made ready
        } finally {
            tracking.hold(false);
        }
    }

    private void process(ClientSession session, byte[][] argv, Reply reply) {
        reply.protocol(session.protocol());
        CommandSpec spec = table.lookup(argv[0]);
        session.touch(shard.clock().millis(), spec == null ? "NULL" : commandStats.nameOf(spec, argv));
        if (spec == null) {
            rejectWhileQueuing(session, reply, CommandError.unknownCommand(argv));
            return;
        }
        if (!spec.arityAccepts(argv.length)) {
            commandStats.rejected(spec, argv);
            rejectWhileQueuing(session, reply, "ERR wrong number of arguments for '" + spec.name() + "' command");
            return;
        }
        spec = flagsOf.isEmpty() ? spec : flagsOf(spec, argv);
        if (spec.name().equals("debug")
                && !ProtectedActions.allowed(shard.config().get(ProtectedActions.DEBUG_COMMAND), session)) {
            commandStats.rejected(spec, argv);
            rejectWhileQueuing(session, reply, ProtectedActions.commandNotAllowed("DEBUG", ProtectedActions.DEBUG_COMMAND));
            return;
        }
        if (!session.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
            commandStats.rejected(spec, argv);
            rejectWhileQueuing(session, reply, "NOAUTH Authentication required.");
            return;
        }
        CommandSpec gated = TransactionCommands.asChecked(table, spec, session); // EXEC: its queue's flags
        String verdict = gates.check(gated, session, argv);
        if (verdict != null && verdict.isEmpty()) {
            return; // parked: the gate resumes the client later
        }
        if (verdict != null) {
            commandStats.rejected(spec, argv);
            rejectWhileQueuing(spec, session, reply, verdict);
            return;
        }
        if (gated.has(CommandFlag.WRITE) && shard.readOnlyReplica() && session.kind() != ClientSession.Kind.MASTER) {
            // processCommand refuses it before queuing too: the transaction then fails at EXEC
            commandStats.rejected(spec, argv);
            rejectWhileQueuing(spec, session, reply, "READONLY You can't write against a read only replica.");
            return;
        }
        if (session.inMulti() && !spec.has(CommandFlag.NO_QUEUE)) {
            session.queue(argv);
            reply.queued();
            return;
        }
        CommandSpec checked = spec;
        if (pausable != null && pausable.wants(checked, session)) {
            pausable.run(session, reply, r -> {
                run(checked, session, argv, r);
                blockedKeys.handleReady();
            });
            return;
        }
        run(spec, session, argv, reply);
    }

    /** Executes an already-checked command (also used by EXEC); returns the changes it made. */
    public int run(CommandSpec spec, ClientSession session, byte[][] argv, Reply reply) {
        CommandContext ctx = new CommandContext(this, shard, session, new Args(argv), reply);
        int db = session.db();
        shard.keyspace().forgetLastWritten(); // EncodingTracker takes only this command's writes for its own
        boolean fromPrimary = session.kind() == ClientSession.Kind.MASTER;
        if (fromPrimary) {
            shard.keyspace().setApplyingPrimaryStream(true);
        }
        long offsetBefore = depth == 0 ? shard.feed().offset() : 0;
        if (depth++ == 0) {
            topSpec = spec;
            topArgv = argv;
            tracking.beginCommand();
        }
        try {
            if (!watchedKeys.isEmpty() || blockedKeys.count() > 0) {
                keySignals.beforeEmptying(spec, session, argv);
            }
            ClientSession outerScript = monitors.enter(spec, session, argv);
            long started = System.nanoTime();
            boolean failed = false;
            try {
                boolean appendedToExisting = encodings.beforeWrite(spec, ctx);
                spec.command().execute(ctx);
                if (spec.name().equals("flushall") || spec.name().equals("flushdb")) {
                    tracking.invalidateAll(); // signalFlushedDb
                }
                if (ctx.changes() > 0 && spec.has(CommandFlag.WRITE)) {
                    encodings.afterWrite(spec, ctx, appendedToExisting);
                }
            } catch (CommandError e) {
                failed = true;
                reply.error(e.getMessage());
                shard.stats().errorReplies++;
                commandStats.error(e.getMessage());
            } finally {
                monitors.exit(spec, session, argv, outerScript);
            }
            long micros = (System.nanoTime() - started) / 1000;
            if (blockedKeys.count() == 0 || !blockedKeys.waiting(session)) {
                slowLog.record(spec, session, argv, micros);
            }
            commandStats.called(spec, argv, micros, failed);
            if (!fromPrimary && ctx.changes() > 0 && spec.has(CommandFlag.WRITE) && shard.keyspace().isReplica()) {
                rememberReplicaKeysWithExpire(spec, argv, session.db());
            }
            if (spec.has(CommandFlag.READONLY) && tracking.active()) {
                tracking.rememberRead(spec, session, argv, depth > 1 ? topSpec : null, topArgv);
            }
            if (ctx.changes() > 0 && tracking.active()) {
                tracking.invalidateWritten(table, session, ctx.rewritten() == null ? List.<byte[][]>of(argv) : ctx.rewritten(),
                        ctx.modifiedOnly());
            }
            shard.stats().commandsProcessed++;
            shard.stats().dirty += ctx.changes();
            if (ctx.changes() > 0 && (!watchedKeys.isEmpty() || blockedKeys.count() > 0)) {
                keySignals.written(db, ctx.rewritten() == null ? List.<byte[][]>of(argv) : ctx.rewritten(), ctx.modifiedOnly());
            }
            if (ctx.changes() > 0 && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE))) {
                boolean replicate = session.kind() != ClientSession.Kind.MASTER;
                List<byte[][]> rewritten = ctx.rewritten();
                if (rewritten == null) {
                    pending.add(db, argv, replicate);
                } else {
                    for (byte[][] form : rewritten) {
                        pending.add(db, form, replicate);
                    }
                }
            }
        } finally {
            if (fromPrimary) {
                shard.keyspace().setApplyingPrimaryStream(false);
            }
            if (--depth == 0 && !pending.isEmpty()) {
                pending.flush(shard.feed(), shard.appendFeed(), !spec.has(CommandFlag.TOUCHES_ARBITRARY_KEYS));
                // As Redis's call(): remember where this client's write ended, for its WAIT.
                long offsetAfter = shard.feed().offset();
                if (offsetAfter != offsetBefore) {
                    session.writeOffset(offsetAfter);
                }
            }
            if (depth == 0) {
                shard.keyspace().settleMemory(); // the values it wrote in place count at their new size
                topSpec = null;
                topArgv = null;
                tracking.endCommand();
            }
        }
        return ctx.changes();
    }

    /** A writable replica's own write: its keys that now carry a TTL are the replica's to expire. */
    private void rememberReplicaKeysWithExpire(CommandSpec spec, byte[][] argv, int db) {
        if (spec.firstKey() <= 0) {
            return;
        }
        int last = spec.lastKey() < 0 ? argv.length + spec.lastKey() : Math.min(spec.lastKey(), argv.length - 1);
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.step())) {
            Key key = new Key(argv[i]);
            if (shard.keyspace().db(db).expireAt(key) >= 0) {
                shard.keyspace().replicaKeysWithExpire().remember(db, key);
            }
        }
    }

    /**
     * Propagates a command caused by the one running (e.g. the DEL of a key found expired) in order
     * with it, or at once when no command runs (active expiry from the cron).
     */
    @Override
    public void propagate(int db, byte[][] argv) {
        if (!watchedKeys.isEmpty()) {
            keySignals.written(db, List.<byte[][]>of(argv), null);
        }
        if (tracking.active()) {
            tracking.invalidateWritten(table, null, List.<byte[][]>of(argv), null); // an expiry or eviction: no client did it
        }
        if (depth > 0) {
            pending.add(db, argv, true);
        } else {
            shard.feed().propagate(db, argv);
            shard.appendFeed().propagate(db, argv);
        }
    }

    /** How many propagations the running command has collected so far (a script marks its calls'). */
    public int pendingCount() {
        return pending.size();
    }

    /** redis.set_repl: the propagations collected from index {@code from} on go only where the flags say. */
    public void restrictPending(int from, boolean toReplicas, boolean toAof) {
        pending.restrict(from, toReplicas, toAof);
    }

    /**
     * rejectCommand: inside MULTI the transaction is flagged; an EXEC refused by a check
     * (BUSY, NOREPLICAS, ...) discards it with execCommandAbort's EXECABORT.
     */
    private void rejectWhileQueuing(CommandSpec spec, ClientSession session, Reply reply, String error) {
        if (spec.name().equals("exec") && session.inMulti() && !error.startsWith("EXECABORT")) {
            session.endMulti();
            watchedKeys.unwatchAll(session);
            rejectWhileQueuing(session, reply, "EXECABORT Transaction discarded because of: " + error);
            monitors.feed(session, false, session.db(), new byte[][] {"exec".getBytes(java.nio.charset.StandardCharsets.US_ASCII)});
            return;
        }
        rejectWhileQueuing(session, reply, error);
    }

    private void rejectWhileQueuing(ClientSession session, Reply reply, String error) {
        if (session.inMulti()) {
            session.failMulti();
        }
        reply.error(error);
        shard.stats().errorReplies++;
        commandStats.error(error);
    }
}
