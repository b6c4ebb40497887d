package dev.syncer.engine.command;

import dev.syncer.engine.server.ClientPause;
import dev.syncer.engine.server.ClientSession;

import java.util.Set;

/** CLIENT PAUSE timeout [WRITE|ALL], CLIENT UNPAUSE, and processCommand's pause check (a dispatcher gate). */
public final class ClientPauseCommands {

    /** Commands Redis flags may-replicate whose flags a script may narrow: without a shebang they count as writes. */
    private static final Set<String> SCRIPT_CALLS = Set.of("eval", "evalsha", "fcall");

    private ClientPauseCommands() {
    }

    // Format: CLIENT PAUSE timeout-ms [WRITE|ALL] -> +OK; a longer or stricter pause extends the present one
    static void pause(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() < 3) {
            throw new CommandError("ERR wrong number of arguments for 'client|pause' command");
        }
        if (a.count() > 4) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                    + "'. Try CLIENT HELP.");
        }
        ClientPause.Type type = ClientPause.Type.ALL;
        if (a.count() == 4) {
            if (a.is(3, "WRITE")) {
                type = ClientPause.Type.WRITE;
            } else if (!a.is(3, "ALL")) {
                throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        Long timeout = dev.syncer.engine.keyspace.Numbers.parseLong(a.bytes(2));
        if (timeout == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = ctx.shard().clock().millis();
        long end = timeout == 0 ? 0 : (timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout);
        ctx.shard().clientPause().pause(ClientPause.Purpose.CLIENT_COMMAND, end, type);
        ctx.reply().ok();
    }

    // Format: CLIENT UNPAUSE -> +OK; the parked clients' commands run
    static void unpause(CommandContext ctx) {
        if (ctx.args().count() != 2) {
            throw new CommandError("ERR wrong number of arguments for 'client|unpause' command");
        }
        ctx.shard().clientPause().unpause(ClientPause.Purpose.CLIENT_COMMAND);
        ctx.reply().ok();
    }

    /**
     * The gate to add last (after ACL and the replication checks, where processCommand pauses):
     * parks a client while its command must wait for the pause to end.
     */
    public static CommandDispatcher.Gate gate(CommandDispatcher dispatcher, ClientPause pause) {
        return (spec, session, argv) -> {
            if (!pause.paused()) {
                return null;
            }
            return pause.hold(session, argv, mayReplicate(dispatcher, spec, session, argv))
                    ? CommandDispatcher.Gate.PARKED : null;
        };
    }

    /** processCommand's is_may_replicate_command for a command not yet looked up (false for an unknown one). */
    static boolean mayReplicate(CommandDispatcher dispatcher, ClientSession session, byte[][] argv) {
        CommandSpec plain = dispatcher.table().lookup(argv[0]);
        return plain != null && mayReplicate(dispatcher, dispatcher.flagsOf(plain, argv), session, argv);
    }

    /**
     * processCommand's is_may_replicate_command: a write or may-replicate command (a script taking
     * its declared flags), or EXEC with one queued — the queued commands' flags as they were queued.
     */
    static boolean mayReplicate(CommandDispatcher dispatcher, CommandSpec spec, ClientSession session, byte[][] argv) {
        if (spec.name().equals("exec") && session.inMulti()) {
            for (byte[][] queued : session.queued()) {
                CommandSpec plain = dispatcher.table().lookup(queued[0]);
                if (plain != null && mayReplicate(dispatcher.flagsOf(plain, queued), plain)) {
                    return true;
                }
            }
            return false;
        }
        return mayReplicate(spec, dispatcher.table().lookup(argv[0]));
    }

    /** {@code resolved} is {@code plain} with a call's own flags; the same object when a script declared none. */
    private static boolean mayReplicate(CommandSpec resolved, CommandSpec plain) {
        return resolved.has(CommandFlag.WRITE) || resolved.has(CommandFlag.MAY_REPLICATE)
                || (resolved == plain && SCRIPT_CALLS.contains(resolved.name()));
    }
}
