package dev.syncer.engine.replication.roles;

import dev.syncer.engine.command.Args;
import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.command.CommandTable;
import dev.syncer.engine.command.DebugCommand;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.SyncCause;
import dev.syncer.engine.replication.SyncEvent;
import dev.syncer.engine.replication.primary.ReplicaLink;
import dev.syncer.engine.replication.replica.PrimaryLink;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * REPLICAOF (and SLAVEOF), ROLE, WAIT and SYNCEVENTS.
 *
 * <pre>
 * REPLICAOF host port | REPLICAOF NO ONE      -&gt; +OK | +OK Already connected to specified master
 * ROLE                                        -&gt; ["master", offset, [[ip, port, ack-offset] ...]]
 *                                                | ["slave", host, port, state, offset]
 * WAIT numreplicas timeout-ms                 -&gt; :replicas that acknowledged this write
 * SYNCEVENTS [SINCE seq] [COUNT n]            -&gt; see {@link #syncEvents}
 * </pre>
 */
final class ReplicationCommands {

    private static final Logger log = LoggerFactory.getLogger(ReplicationCommands.class);
    private static final int DEFAULT_EVENT_COUNT = 100;

    private final Replication repl;

    ReplicationCommands(Replication repl) {
        this.repl = repl;
    }

    void register(CommandTable t) {
        t.add(CommandSpec.of("replicaof", 3, 0, 0, 0, this::replicaOf, ADMIN, STALE));
        t.add(CommandSpec.of("slaveof", 3, 0, 0, 0, this::replicaOf, ADMIN, STALE));
        t.add(CommandSpec.of("role", 1, 0, 0, 0, this::role, FAST, STALE));
        t.add(CommandSpec.of("wait", 3, 0, 0, 0, this::waitCommand));
        t.add(CommandSpec.of("syncevents", -1, 0, 0, 0, this::syncEvents, STALE));
        DebugCommand.addSubcommand(t, "change-repl-id", this::changeReplId);
    }

    // Format: DEBUG CHANGE-REPL-ID -> +OK; a new replid and no replid2 (changeReplicationId +
    // clearReplicationId2), so the next PSYNC of any replica must be a full sync.
    private void changeReplId(CommandContext ctx) {
        if (ctx.args().count() != 2) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + ctx.args().string(1)
                    + "'. Try DEBUG HELP.");
        }
        log.warn("Changing replication IDs after receiving DEBUG change-repl-id");
        repl.stream().history().reset(ReplicationId.random());
        ctx.reply().ok();
    }

    private void replicaOf(CommandContext ctx) {
        Args a = ctx.args();
        if (repl.failover().state() != dev.syncer.engine.replication.failover.Failover.State.NO_FAILOVER) {
            throw new CommandError("ERR REPLICAOF not allowed while failing over.");
        }
        String client = "user request from '" + ctx.session().address() + "'";
        if (a.is(1, "NO") && a.is(2, "ONE")) {
            if (repl.isReplica()) {
                repl.promote(client);
            }
            ctx.reply().ok();
            return;
        }
        if (ctx.session().kind() == ClientSession.Kind.REPLICA) {
            throw new CommandError("ERR Command is not valid when client is a replica.");
        }
        long port;
        try {
            port = a.longValue(2);
        } catch (CommandError e) {
            throw new CommandError("ERR Invalid master port");
        }
        if (port < 0 || port > 65535) {
            throw new CommandError("ERR Invalid master port");
        }
        String host = a.string(1);
        PrimaryLink link = repl.link();
        // A diverged link is down for good: naming the same primary again is how to resync it.
        if (link.active() && link.divergence() == null && host.equalsIgnoreCase(link.host()) && link.port() == port) {
            log.info("REPLICAOF would result into synchronization with the master we are already connected with. "
                    + "No operation performed.");
            ctx.reply().simple("OK Already connected to specified master");
            return;
        }
        repl.setPrimary(host, (int) port, SyncCause.MANUAL_REPLICAOF);
        log.info("REPLICAOF {}:{} enabled ({})", host, port, client);
        ctx.reply().ok();
    }

    private void role(CommandContext ctx) {
        Reply r = ctx.reply();
        PrimaryLink link = repl.link();
        if (!link.active()) {
            List<ReplicaLink> online = repl.replicas().all().stream()
                    .filter(l -> l.state() == ReplicaLink.State.ONLINE && !l.ip().isEmpty()).toList();
            r.arrayHeader(3);
            r.bulk("master");
            r.integer(repl.stream().masterReplOffset());
            r.arrayHeader(online.size());
            for (ReplicaLink l : online) {
                r.arrayHeader(3);
                r.bulk(l.ip());
                r.bulk(Integer.toString(l.listeningPort()));
                r.bulk(Long.toString(l.ackOffset()));
            }
        } else {
            r.arrayHeader(5);
            r.bulk("slave");
            r.bulk(link.host());
            r.integer(link.port());
            r.bulk(link.state().roleName());
            r.integer(link.roleOffset());
        }
    }

    // Format: WAIT numreplicas timeout -> :count (parks the client; answered on ACK or timeout)
    private void waitCommand(CommandContext ctx) {
        if (repl.isReplica()) {
            throw new CommandError("ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 "
                    + "if a replica is configured to be writable (which is not the default) writes to replicas are just "
                    + "local and are not propagated.");
        }
        long numReplicas = ctx.args().longValue(1);
        long timeout;
        try {
            timeout = ctx.args().longValue(2);
        } catch (CommandError e) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long offset = ctx.session().writeOffset(); // as Redis: this client's last write, not the primary's
        int acked = repl.replicas().acknowledged(offset);
        // Inside EXEC (the last command the client sent is EXEC; queued commands run without
        // being "sent" again), answer at once, as Redis does for a client in MULTI.
        boolean inExec = "exec".equals(ctx.session().lastCommand());
        if (acked >= numReplicas || inExec || ctx.session().channel() == null) { // an internal client can't wait
            ctx.reply().integer(acked);
            return;
        }
        repl.waits().park(ctx.session(), offset, (int) Math.min(Integer.MAX_VALUE, numReplicas), timeout);
    }

    /**
     * SYNCEVENTS [SINCE seq] [COUNT n]: the sync event log, oldest first, only events with a
     * sequence number above SINCE (default 0), at most COUNT (default 100). Each event is a flat
     * array of field/value pairs, always in this order:
     * <pre>
     * seq (int), time_ms (int), side (primary|replica|syncer), type (full|partial), cause, detail,
     * peer (host:port), replid, offset (int), bytes (int), duration_ms (int), phases ("name:Nms,..."),
     * outcome (ok|failed: why)
     * </pre>
     * (the table in this package's documentation says what each holds).
     */
    private void syncEvents(CommandContext ctx) {
        Args a = ctx.args();
        long since = 0;
        long count = DEFAULT_EVENT_COUNT;
        for (int i = 1; i < a.count(); i += 2) {
            if (i + 1 >= a.count()) {
                throw CommandError.syntax();
            }
            switch (a.option(i)) {
                case "SINCE" -> since = a.longValue(i + 1);
                case "COUNT" -> count = a.longValue(i + 1);
                default -> throw CommandError.syntax();
            }
        }
        if (count < 0) {
            throw new CommandError("ERR COUNT must be positive");
        }
        List<SyncEvent> events = repl.events().since(since, (int) Math.min(Integer.MAX_VALUE, count));
        Reply r = ctx.reply();
        r.arrayHeader(events.size());
        for (SyncEvent e : events) {
            r.arrayHeader(26);
            r.bulk("seq");
            r.integer(e.seq());
            r.bulk("time_ms");
            r.integer(e.timeMs());
            r.bulk("side");
            r.bulk(e.side());
            r.bulk("type");
            r.bulk(e.type());
            r.bulk("cause");
            r.bulk(e.cause().wire());
            r.bulk("detail");
            r.bulk(e.detail());
            r.bulk("peer");
            r.bulk(e.peer());
            r.bulk("replid");
            r.bulk(e.replid());
            r.bulk("offset");
            r.integer(e.offset());
            r.bulk("bytes");
            r.integer(e.bytes());
            r.bulk("duration_ms");
            r.integer(e.durationMs());
            r.bulk("phases");
            r.bulk(e.phasesText());
            r.bulk("outcome");
            r.bulk(e.outcome());
        }
    }
}
