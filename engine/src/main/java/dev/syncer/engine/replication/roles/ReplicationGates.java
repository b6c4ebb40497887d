package dev.syncer.engine.replication.roles;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.command.CommandFlag;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.replication.ReplicationConfig;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Loading;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * The checks replication adds before commands run, in Redis's processCommand order:
 * <ul>
 *   <li>NOREPLICAS: a primary refuses writes with fewer than min-replicas-to-write replicas whose
 *   last ACK is at most min-replicas-max-lag seconds old;</li>
 *   <li>MASTERDOWN: a replica whose link is down refuses most commands when
 *   replica-serve-stale-data is no (PING included, as Redis 7.0 does);</li>
 *   <li>LOADING: while a full sync's load replaces the dataset, only Redis's CMD_LOADING commands run; while
 *   an async load keeps serving the old data, only its CMD_NO_ASYNC_LOADING ones and the settings a load
 *   depends on are refused;</li>
 * </ul>
 * The primary's own stream (a MASTER client) and replicas' REPLCONF are never held back; any other command a
 * replica's connection sends is one whose reply would corrupt its stream: the connection is closed.
 */
final class ReplicationGates {

    private static final Logger log = LoggerFactory.getLogger(ReplicationGates.class);

    private ReplicationGates() {
    }

    static void install(Replication repl) {
        CommandDispatcher d = repl.commands();
        d.addGate((spec, session, argv) -> check(repl, spec, session, argv));
    }

    /** The four checks in processCommand's order, as one gate: one call per command, not four. */
    private static String check(Replication repl, CommandSpec spec, ClientSession session, byte[][] argv) {
        String verdict = replicaCommand(spec, session, argv);
        if (verdict == null) {
            verdict = noReplicas(repl, spec, session);
        }
        if (verdict == null) {
            verdict = masterDown(repl, spec, session);
        }
        if (verdict == null && session.kind() != ClientSession.Kind.MASTER) {
            verdict = processCommandLoading(repl.shard().loading(), spec.name(), argv);
        }
        return verdict;
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

    static final String LOADING = "LOADING Redis is loading the dataset in memory";

    /** Redis 7.0's commands flagged CMD_LOADING (of containers: those whose every subcommand is), and SYNCEVENTS. */
    private static final Set<String> RUN_WHILE_LOADING = Set.of("acl", "auth", "client", "command", "config", "debug",
            "discard", "echo", "exec", "hello", "info", "lastsave", "latency", "monitor", "multi", "psubscribe",
            "publish", "pubsub", "punsubscribe", "quit", "readonly", "readwrite", "replconf", "reset", "role", "select",
            "shutdown", "slowlog", "spublish", "ssubscribe", "subscribe", "sunsubscribe", "time", "unsubscribe",
            "unwatch", "watch",
            // this project's own: the sync event log is read as INFO is, so a console still sees a loading replica's syncs
            "syncevents");
    /** Containers of which only HELP is CMD_LOADING. */
    private static final Set<String> HELP_WHILE_LOADING = Set.of("cluster", "function", "memory", "module", "object",
            "script", "xgroup", "xinfo");
    /** CMD_NO_ASYNC_LOADING, as the shard has them. */
    private static final Set<String> NOT_WHILE_ASYNC = Set.of("bgrewriteaof", "bgsave", "psync", "replicaof", "save",
            "slaveof", "sync");
    /** DENY_LOADING_CONFIG settings: CONFIG SET refuses them during any load. */
    private static final Set<String> DENY_LOADING_CONFIG = Set.of("appendonly", "repl-diskless-load", "dir");

    /** processCommand's loading checks (and CONFIG SET's DENY_LOADING_CONFIG); null lets the command run. */
    static String processCommandLoading(Loading loading, String name, byte[][] argv) {
        if (loading == Loading.NONE) {
            return null;
        }
        boolean allowed = RUN_WHILE_LOADING.contains(name)
                || HELP_WHILE_LOADING.contains(name) && argv.length == 2 && arg(argv, 1).equals("help");
        if (loading == Loading.LOADING && !allowed || loading == Loading.ASYNC && NOT_WHILE_ASYNC.contains(name)) {
            return LOADING;
        }
        if (name.equals("config") && argv.length > 1 && arg(argv, 1).equals("set")) {
            for (int i = 2; i < argv.length; i += 2) {
                if (DENY_LOADING_CONFIG.contains(arg(argv, i))) {
                    return LOADING;
                }
            }
        }
        return null;
    }

    private static String arg(byte[][] argv, int i) {
        return new String(argv[i], java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    /** Containers whose subcommand names a command in Redis's logs ('xinfo|help'). */
    private static final Set<String> CONTAINERS = Set.of("acl", "client", "cluster", "command", "config", "function",
            "latency", "memory", "module", "object", "pubsub", "script", "slowlog", "xgroup", "xinfo");

    /**
     * Redis's "Replica can't interact with the keyspace" and logInvalidUseAndFreeClientAsync: a replica's connection
     * carries only REPLCONF after its SYNC; a reply to anything else would land in its replication stream, so the
     * command is not answered and the connection is closed (the empty verdict: nothing is replied).
     */
    private static String replicaCommand(CommandSpec spec, ClientSession session, byte[][] argv) {
        if (session.kind() != ClientSession.Kind.REPLICA || Set.of("replconf", "sync", "psync").contains(spec.name())) {
            return null;
        }
        String name = CONTAINERS.contains(spec.name()) && argv.length > 1 ? spec.name() + "|" + arg(argv, 1) : spec.name();
        if (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.READONLY) || spec.has(CommandFlag.MAY_REPLICATE)) {
            log.warn("== CRITICAL == This master is sending an error to its replica: 'Replica can't interact with the "
                    + "keyspace' after processing the command '{}'", name);
        }
        log.warn("Replica generated a reply to command '{}', disconnecting it: addr={}", name, session.address());
        session.channel().close();
        return "";
    }
}
