package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * MULTI, EXEC, DISCARD. EXEC runs the queue atomically (nothing else runs on the loop meanwhile)
 * and, as Redis 7.0, propagates the writes wrapped in MULTI ... EXEC when there is more than one,
 * so a replica applies the block as a unit too.
 */
final class TransactionCommands {

    private TransactionCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("multi", 1, 0, 0, 0, TransactionCommands::multi, FAST, NO_QUEUE, STALE));
        t.add(CommandSpec.of("exec", 1, 0, 0, 0, TransactionCommands::exec, NO_QUEUE, STALE));
        t.add(CommandSpec.of("discard", 1, 0, 0, 0, TransactionCommands::discard, FAST, NO_QUEUE, STALE));
    }

    private static void multi(CommandContext ctx) {
        if (ctx.session().inMulti()) {
            throw new CommandError("ERR MULTI calls can not be nested");
        }
        ctx.session().beginMulti();
        ctx.reply().ok();
    }

    private static void discard(CommandContext ctx) {
        if (!ctx.session().inMulti()) {
            throw new CommandError("ERR DISCARD without MULTI");
        }
        ctx.session().endMulti();
        ctx.dispatcher().watchedKeys().unwatchAll(ctx.session());
        ctx.reply().ok();
    }

    private static void exec(CommandContext ctx) {
        ClientSession session = ctx.session();
        if (!session.inMulti()) {
            throw new CommandError("ERR EXEC without MULTI");
        }
        boolean failed = session.multiFailed();
        List<byte[][]> queue = session.endMulti();
        Shard shard = ctx.shard();
        CommandDispatcher dispatcher = ctx.dispatcher();
        boolean touched = dispatcher.watchedKeys().execAborted(session, shard.keyspace(), ctx.now());
        dispatcher.watchedKeys().unwatchAll(session); // before the queue runs: its own writes don't count
        if (shard.readOnlyReplica() && session.kind() != ClientSession.Kind.MASTER && hasWrite(dispatcher, queue)) {
            // processCommand's check of EXEC itself (the queue's flags): the whole transaction is
            // refused; once it runs, a REPLICAOF inside it does not stop the writes after it
            throw new CommandError("EXECABORT Transaction discarded because of: READONLY You can't write against a read"
                    + " only replica.");
        }
        if (failed) {
            throw new CommandError("EXECABORT Transaction discarded because of previous errors.");
        }
        if (touched) {
            ctx.reply().nullArray();
            return;
        }
        Reply reply = ctx.reply();
        // What the queued commands propagate is collected by the dispatcher and sent when EXEC
        // returns, wrapped in MULTI ... EXEC when there is more than one (propagatePendingCommands).
        reply.arrayHeader(queue.size());
        for (byte[][] argv : queue) {
            dispatcher.run(dispatcher.table().lookup(argv[0]), session, argv, reply);
        }
    }

    /** Redis 7.0's CMD_NO_MULTI commands: refused inside MULTI (which then fails at EXEC). */
    private static final java.util.Set<String> NO_MULTI = java.util.Set.of("save", "shutdown", "sync", "psync");

    /** processCommand's check right after AUTH's: null lets the command go on. */
    static String noMultiCheck(CommandSpec spec, ClientSession session) {
        return session.inMulti() && NO_MULTI.contains(spec.name()) ? "ERR Command not allowed inside a transaction" : null;
    }

    /**
     * EXEC as processCommand checks it: a write when its queue holds one (NOREPLICAS, READONLY, the
     * failover pause), and allowed while stale only when every queued command is (MASTERDOWN).
     */
    static CommandSpec asChecked(CommandTable table, CommandSpec spec, ClientSession session) {
        if (!session.inMulti() || !spec.name().equals("exec")) {
            return spec;
        }
        java.util.EnumSet<CommandFlag> flags = java.util.EnumSet.noneOf(CommandFlag.class);
        flags.addAll(spec.flags());
        for (byte[][] argv : session.queued()) {
            CommandSpec queued = table.lookup(argv[0]);
            if (queued != null && queued.has(CommandFlag.WRITE)) {
                flags.add(CommandFlag.WRITE);
            }
            if (queued != null && !queued.has(CommandFlag.STALE)) {
                flags.remove(CommandFlag.STALE);
            }
        }
        return new CommandSpec(spec.name(), spec.arity(), flags, spec.firstKey(), spec.lastKey(), spec.step(), spec.command());
    }

    /** Whether a queued command may write (EXEC's share of the queue's command flags). */
    private static boolean hasWrite(CommandDispatcher dispatcher, List<byte[][]> queue) {
        for (byte[][] argv : queue) {
            if (dispatcher.table().lookup(argv[0]).has(CommandFlag.WRITE)) {
                return true;
            }
        }
        return false;
    }
}
