package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientMemory;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.NO_AUTH;
import static dev.syncer.engine.command.CommandFlag.NO_QUEUE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/** PING, ECHO, QUIT, SELECT, AUTH, HELLO, CLIENT, READONLY and READWRITE: the connection's own state. */
final class ConnectionCommands {

    /** What HELLO and INFO say we are: the Redis version whose behaviour we follow. */
    static final String REDIS_VERSION = "7.0.15";

    private ConnectionCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("ping", -1, 0, 0, 0, ConnectionCommands::ping, FAST)); // not STALE, as Redis 7.0
        t.add(CommandSpec.of("echo", 2, 0, 0, 0, ctx -> ctx.reply().bulk(ctx.args().bytes(1)), FAST));
        t.add(CommandSpec.of("quit", -1, 0, 0, 0, ConnectionCommands::quit, NO_AUTH, NO_QUEUE, STALE));
        t.add(CommandSpec.of("select", 2, 0, 0, 0, ConnectionCommands::select, FAST, STALE));
        t.add(CommandSpec.of("auth", -2, 0, 0, 0, ConnectionCommands::auth, NO_AUTH, FAST, STALE)); // queued in MULTI, as Redis 7.0
        t.add(CommandSpec.of("hello", -1, 0, 0, 0, ConnectionCommands::hello, NO_AUTH, FAST, STALE, NO_QUEUE));
        t.add(CommandSpec.of("client", -2, 0, 0, 0, ClientCommand::execute, STALE));
        t.add(CommandSpec.of("reset", 1, 0, 0, 0, ConnectionCommands::reset, NO_AUTH, FAST, STALE, NO_QUEUE));
        t.add(CommandSpec.of("monitor", 1, 0, 0, 0, Monitors::monitor, ADMIN, STALE));
        // a cluster client's replica-read switch; ACL rules name them (+readonly), so they exist
        t.add(CommandSpec.of("readonly", 1, 0, 0, 0, ConnectionCommands::clusterOnly, FAST, STALE));
        t.add(CommandSpec.of("readwrite", 1, 0, 0, 0, ConnectionCommands::clusterOnly, FAST, STALE));
    }

    /** readonlyCommand / readwriteCommand outside cluster mode, the only mode a shard runs in. */
    private static void clusterOnly(CommandContext ctx) {
        throw new CommandError("ERR This instance has cluster support disabled");
    }

    // Format: PING [message] -> +PONG | $message
    private static void ping(CommandContext ctx) {
        if (ctx.args().count() > 2) {
            throw new CommandError("ERR wrong number of arguments for 'ping' command");
        }
        if (!ctx.reply().resp3() && ctx.dispatcher().pubSub().subscribed(ctx.session())) {
            // RESP2's subscribed mode answers PING as a message: [pong, message or ""]
            ctx.reply().arrayHeader(2);
            ctx.reply().bulk("pong");
            ctx.reply().bulk(ctx.args().count() == 2 ? ctx.args().bytes(1) : new byte[0]);
        } else if (ctx.args().count() == 2) {
            ctx.reply().bulk(ctx.args().bytes(1));
        } else {
            ctx.reply().simple("PONG");
        }
    }

    private static void quit(CommandContext ctx) {
        ctx.reply().ok();
        ctx.session().closeAfterReply(true);
    }

    /**
     * RESET, as resetCommand / clearClientConnectionState: out of MONITOR, tracking, MULTI, WATCH
     * and every subscription; database 0, RESP2, no name, replies on, and the user a new
     * connection starts as. Replicas and the primary's link are refused.
     */
    private static void reset(CommandContext ctx) {
        ClientSession s = ctx.session();
        CommandDispatcher d = ctx.dispatcher();
        if (s.kind() != ClientSession.Kind.NORMAL) {
            throw new CommandError("ERR can only reset normal client connections");
        }
        d.monitors().forget(s);
        d.tracking().disable(s);
        s.select(0);
        s.protocol(2);
        ctx.shard().readmit(s);
        if (s.inMulti()) {
            s.endMulti();
        }
        d.watchedKeys().unwatchAll(s);
        d.pubSub().forget(s); // pubsubUnsubscribeAll*(c, notify=0): no confirmations
        s.name("");
        s.replyMode("ON");
        ctx.reply().protocol(2);
        ctx.reply().simple("RESET");
    }

    // Format: SELECT index -> +OK
    private static void select(CommandContext ctx) {
        long index;
        try {
            index = ctx.args().longValue(1);
        } catch (CommandError e) {
            throw new CommandError("ERR value is not an integer or out of range");
        }
        if (index < 0 || index >= ctx.shard().keyspace().databaseCount()) {
            throw new CommandError("ERR DB index is out of range");
        }
        ctx.session().select((int) index);
        ctx.reply().ok();
    }

    // Format: AUTH [username] password -> +OK | -WRONGPASS ...
    private static void auth(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() > 3) {
            throw CommandError.syntax();
        }
        String user = a.count() == 3 ? a.string(1) : "default";
        byte[] password = a.bytes(a.count() - 1);
        if (a.count() == 2 && ctx.dispatcher().authenticator().defaultUserNoPass()) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        checkPassword(ctx, user, password);
        ctx.reply().ok();
    }

    private static void checkPassword(CommandContext ctx, String user, byte[] password) {
        if (!ctx.dispatcher().authenticator().authenticate(ctx.session(), user, password)) {
            throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
        }
    }

    // Format: HELLO [protover [AUTH username password] [SETNAME clientname]] -> map of server facts
    private static void hello(CommandContext ctx) {
        Args a = ctx.args();
        int i = 1;
        int protocol = 0;
        if (a.count() >= 2) {
            long version;
            try {
                version = a.longValue(1);
            } catch (CommandError e) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            if (version < 2 || version > 3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            protocol = (int) version;
            i = 2;
        }
        String setName = null;
        for (; i < a.count(); i++) {
            if (a.is(i, "AUTH") && i + 2 < a.count()) {
                checkPassword(ctx, a.string(i + 1), a.bytes(i + 2));
                i += 2;
            } else if (a.is(i, "SETNAME") && i + 1 < a.count()) {
                setName = a.string(++i);
                ClientCommand.validateName(setName);
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + a.string(i) + "'");
            }
        }
        if (!ctx.session().authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and "
                    + "select the RESP protocol version at the same time");
        }
        if (setName != null) {
            ctx.session().name(setName);
        }
        if (protocol != 0) {
            // The reply itself is already in the new protocol, as Redis switches before replying.
            ctx.session().protocol(protocol);
            ctx.reply().protocol(protocol);
        }
        Reply r = ctx.reply();
        r.mapHeader(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(REDIS_VERSION);
        r.bulk("proto");
        r.integer(ctx.session().protocol());
        r.bulk("id");
        r.integer(ctx.session().id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk(ctx.shard().keyspace().isReplica() ? "replica" : "master");
        r.bulk("modules");
        r.arrayHeader(0);
    }

    /** Lines for CLIENT LIST / CLIENT INFO in Redis 7.0's field order. */
    static String describe(Shard shard, ClientSession c) {
        long now = shard.clock().millis();
        String flags = switch (c.kind()) {
            case REPLICA -> "S";
            case MASTER -> "M";
            case NORMAL -> c.inMulti() ? "x" : c.blocked() ? "b" : isMonitor(shard, c) ? "O" : "N"; // b: waiting on keys
        };
        if (c.isUnixSocket()) {
            flags = flags.equals("N") ? "U" : flags + "U"; // U after the others, N only when there is none
        }
        int[] subs = shard.dispatcher() instanceof CommandDispatcher d ? d.pubSub().counts(c) : new int[3];
        return "id=" + c.id() + " addr=" + c.address() + " laddr=" + c.localAddress() + " fd=" + (c.channel() == null ? -1 : 8)
                + " name=" + c.name() + " age=" + (now - c.createdMillis()) / 1000
                + " idle=" + (now - c.lastInteractionMillis()) / 1000 + " flags=" + flags + " db=" + c.db()
                + " sub=" + subs[0] + " psub=" + subs[1] + " ssub=" + subs[2] + " multi=" + c.multiQueueSize()
                + " qbuf=" + ClientMemory.queryBufferLength(c) + " qbuf-free=0 argv-mem=" + ClientMemory.argvMemory(c)
                + " multi-mem=" + c.multiArgvBytes() + " rbs=1024 rbp=0 obl=0 oll=0 omem=" + c.outputBufferBytes()
                + " tot-mem=" + ClientMemory.total(shard, c) + " events=r cmd=" + c.lastCommand().toLowerCase(java.util.Locale.ROOT)
                + " user=" + c.userName() + " redir=" + redirect(shard, c) + " resp=" + c.protocol();
    }

    private static boolean isMonitor(Shard shard, ClientSession c) {
        return shard.dispatcher() instanceof CommandDispatcher d && d.monitors().isMonitor(c);
    }

    /** CLIENT LIST's redir: the client tracking redirects to, 0 for none, -1 when not tracking. */
    private static long redirect(Shard shard, ClientSession c) {
        Tracking.State s = shard.dispatcher() instanceof CommandDispatcher d ? d.tracking().state(c) : null;
        return s == null ? -1 : s.redirect;
    }

    static List<ClientSession> snapshotClients(Shard shard) {
        List<ClientSession> all = new ArrayList<>();
        shard.clients().forEach(all::add);
        return all;
    }
}
