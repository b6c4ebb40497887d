package dev.syncer.engine.replication.roles;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.server.ClientSession;

/**
 * The checks replication adds before commands run, in Redis's processCommand order:
 * <ul>
 *   <li>NOREPLICAS: a primary refuses writes with fewer than min-replicas-to-write replicas whose
 *   last ACK is at most min-replicas-max-lag seconds old;</li>
 *   <li>MASTERDOWN: a replica whose link is down refuses most commands when
 *   replica-serve-stale-data is no (PING included, as Redis 7.0 does);</li>
 *   <li>the FAILOVER pause: writes wait (the client is parked) until the failover ends.</li>
 * </ul>
 * The primary's own stream (a MASTER client) and replicas' REPLCONF are never held back.
 */
final class ReplicationGates {

    private ReplicationGates() {
    }

    static void install(Replication repl) {
        CommandDispatcher d = repl.commands();
        d.addGate((spec, session, argv) -> noReplicas(repl, spec, session));
        d.addGate((spec, session, argv) -> masterDown(repl, spec, session));
        d.addGate((spec, session, argv) -> repl.failover().holdWrite(spec, session, argv));
    }

    static String noReplicas(Replication repl, CommandSpec spec, ClientSession session) {
        ReplicationConfig c = repl.config();
        if (c.minReplicasToWrite() == 0 || !spec.has(CommandFlag.WRITE) || session.kind() == ClientSession.Kind.MASTER
                || repl.isReplica() || c.minReplicasMaxLagSeconds() == 0) {
            return null;
        }
        return repl.replicas().goodReplicas(c.minReplicasMaxLagSeconds()) < c.minReplicasToWrite()
                ? "NOREPLICAS Not enough good replicas to write." : null;
    }

    private static String masterDown(Replication repl, CommandSpec spec, ClientSession session) {
        if (!repl.isReplica() || repl.link().connected() || repl.config().serveStaleData()
                || session.kind() == ClientSession.Kind.MASTER) {
            return null;
        }
        boolean allowed = spec.has(CommandFlag.STALE) && !spec.name().equals("ping");
        return allowed ? null : "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
    }
}
