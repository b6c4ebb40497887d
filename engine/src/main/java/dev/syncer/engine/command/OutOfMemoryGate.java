package dev.syncer.engine.command;

import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

/**
 * processCommand's maxmemory step: evict first; if still above maxmemory, refuse commands that
 * may grow memory, anything queued into MULTI but EXEC, DISCARD, QUIT and RESET, and an EXEC
 * whose queue holds such a command. The primary's stream is never refused (its evictions come
 * as DELs).
 */
final class OutOfMemoryGate implements CommandDispatcher.Gate {

    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    private final Shard shard;
    private final CommandTable table;
    private final WatchedKeys watchedKeys;
    private long maxmemory; // kept by a watch: read before every command

    OutOfMemoryGate(Shard shard, CommandTable table, WatchedKeys watchedKeys) {
        this.shard = shard;
        this.table = table;
        this.watchedKeys = watchedKeys;
        shard.config().watch("maxmemory", v -> maxmemory = Long.parseLong(v));
    }

    @Override
    public String check(CommandSpec spec, ClientSession session, byte[][] argv) {
        if (session.kind() == ClientSession.Kind.MASTER || maxmemory <= 0
                || shard.eviction().performEvictions()) {
            return null;
        }
        if (spec.name().equals("exec")) {
            if (session.inMulti() && session.queued().stream().map(q -> table.lookup(q[0]))
                    .anyMatch(q -> q != null && q.has(CommandFlag.DENYOOM))) {
                session.endMulti(); // execCommandAbort: the transaction is discarded
                watchedKeys.unwatchAll(session);
                return "EXECABORT Transaction discarded because of: " + OOM;
            }
            return null;
        }
        boolean queuing = session.inMulti() && !spec.name().equals("discard") && !spec.name().equals("quit")
                && !spec.name().equals("reset");
        return spec.has(CommandFlag.DENYOOM) || queuing ? OOM : null;
    }
}
