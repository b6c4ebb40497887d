package dev.syncer.engine.replication.failover;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.replication.ReplicationContext;
import dev.syncer.engine.replication.primary.ReplicaLink;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * {@code FAILOVER [TO host port [FORCE]] [TIMEOUT ms] | FAILOVER ABORT} with Redis 7.0's checks and
 * error texts; the switchover itself is {@link Failover}.
 */
public final class FailoverCommand {

    private final FailoverContext repl;

    public FailoverCommand(FailoverContext repl) {
        this.repl = repl;
    }

    public void register(CommandTable t) {
        t.add(CommandSpec.of("failover", -1, 0, 0, 0, this::failover, ADMIN, STALE, NO_QUEUE));
    }

    private void failover(CommandContext ctx) {
        Args a = ctx.args();
        Failover f = repl.failover();
        if (a.count() == 2 && a.is(1, "ABORT")) {
            if (f.state() == Failover.State.NO_FAILOVER) {
                throw new CommandError("ERR No failover in progress.");
            }
            f.abort("Failover manually aborted");
            ctx.reply().ok();
            return;
        }
        long timeout = 0;
        boolean force = false;
        String host = null;
        long port = 0;
        for (int j = 1; j < a.count(); j++) {
            if (a.is(j, "TIMEOUT") && j + 1 < a.count() && timeout == 0) {
                timeout = a.longValue(j + 1);
                if (timeout <= 0) {
                    throw new CommandError("ERR FAILOVER timeout must be greater than 0");
                }
                j++;
            } else if (a.is(j, "TO") && j + 2 < a.count() && host == null) {
                port = a.longValue(j + 2);
                host = a.string(j + 1);
                j += 2;
            } else if (a.is(j, "FORCE") && !force) {
                force = true;
            } else {
                throw CommandError.syntax();
            }
        }
        if (f.state() != Failover.State.NO_FAILOVER) {
            throw new CommandError("ERR FAILOVER already in progress.");
        }
        if (repl.isReplica()) {
            throw new CommandError("ERR FAILOVER is not valid when server is a replica.");
        }
        if (repl.replicas().size() == 0) {
            throw new CommandError("ERR FAILOVER requires connected replicas.");
        }
        if (force && (timeout == 0 || host == null)) {
            throw new CommandError("ERR FAILOVER with force option requires both a timeout and target HOST and IP.");
        }
        if (host != null) {
            ReplicaLink target = f.find(host, (int) port);
            if (target == null) {
                throw new CommandError("ERR FAILOVER target HOST and PORT is not a replica.");
            }
            if (target.state() != ReplicaLink.State.ONLINE) {
                throw new CommandError("ERR FAILOVER target replica is not online.");
            }
        }
        f.begin(host, (int) port, timeout, force);
        ctx.reply().ok();
    }
}
