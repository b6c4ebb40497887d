package dev.syncer.engine.command;

import dev.syncer.engine.server.ClientSession;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MONITOR, as Redis 7.0's monitorCommand and replicationFeedMonitors: the clients in monitor mode
 * and the line each executed command becomes for them ({@code +<sec>.<usec> [<db> <addr>] "arg" ...}).
 * Administrative commands are never shown; scripts' commands show {@code lua} as their client;
 * arguments holding secrets (AUTH, HELLO AUTH, MIGRATE AUTH/AUTH2) read {@code "(redacted)"}.
 */
public final class Monitors {

    /** Commands fed before they run (CMD_SKIP_MONITOR: they feed themselves so their calls follow). */
    static final Set<String> FED_BEFORE = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro");
    /** ACL's subcommands that are not administrative (the rest, like SETUSER, are never shown). */
    private static final Set<String> ACL_SHOWN = Set.of("WHOAMI", "CAT", "GENPASS", "HELP");
    /** CLIENT's subcommands that are not administrative in Redis 7.0. */
    private static final Set<String> CLIENT_SHOWN = Set.of("ID", "INFO", "GETNAME", "SETNAME", "REPLY", "TRACKING",
            "CACHING", "GETREDIR", "TRACKINGINFO", "HELP", "NO-EVICT", "NO-TOUCH", "SETINFO");

    private final Set<ClientSession> monitors = new LinkedHashSet<>();
    private final Clock clock;
    private ClientSession scriptCaller; // whose script runs: its calls show as "lua"
    private final SpecMemo<Boolean> fedBefore = new SpecMemo<>(spec -> FED_BEFORE.contains(spec.name()));

    Monitors(Clock clock) {
        this.clock = clock;
    }

    public boolean isMonitor(ClientSession session) {
        return monitors.contains(session);
    }

    // Format: MONITOR -> +OK, then one status line per command executed
    static void monitor(CommandContext ctx) {
        ClientSession s = ctx.session();
        if (s.kind() == ClientSession.Kind.MASTER || s.channel() == null || ctx.dispatcher().inTransaction()) {
            // EXEC runs its queue as a DENY BLOCKING client too
            throw new CommandError("ERR MONITOR isn't allowed for DENY BLOCKING client");
        }
        Monitors m = ctx.dispatcher().monitors();
        if (s.kind() == ClientSession.Kind.REPLICA || m.monitors.contains(s)) {
            return; // already a replica or monitoring: ignored, no reply
        }
        m.monitors.add(s);
        ctx.reply().ok();
    }

    /** RESET or a disconnect: the client leaves monitor mode. */
    void forget(ClientSession session) {
        monitors.remove(session);
    }

    /** processCommand's check for replicas (monitors are replicas in Redis): no keyspace access. */
    String keyspaceCheck(CommandSpec spec, ClientSession session) {
        if (monitors.isEmpty() || !monitors.contains(session)) {
            return null;
        }
        boolean keyspace = spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.READONLY) || spec.has(CommandFlag.MAY_REPLICATE);
        return keyspace ? "ERR Replica can't interact with the keyspace" : null;
    }

    /** Whether call() shows this command to monitors at all (not CMD_ADMIN nor CMD_SKIP_MONITOR). */
    static boolean shown(CommandSpec spec, byte[][] argv) {
        if (spec.has(CommandFlag.ADMIN)) {
            return false;
        }
        String sub = argv.length > 1 ? new String(argv[1], StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT) : "";
        return switch (spec.name()) {
            case "monitor", "module", "cluster" -> false;
            case "acl" -> ACL_SHOWN.contains(sub);
            case "client" -> CLIENT_SHOWN.contains(sub);
            default -> true;
        };
    }

    /** Before a command runs: a script is shown now, so its calls follow it. Returns what {@link #exit} restores. */
    ClientSession enter(CommandSpec spec, ClientSession session, byte[][] argv) {
        ClientSession outer = scriptCaller;
        if (fedBefore.of(spec)) {
            feed(session, false, session.db(), argv);
            scriptCaller = session;
        }
        return outer;
    }

    /** After a command ran (call()'s feed): shown unless administrative or a script. */
    void exit(CommandSpec spec, ClientSession session, byte[][] argv, ClientSession outer) {
        scriptCaller = outer;
        if (!monitors.isEmpty() && !fedBefore.of(spec) && shown(spec, argv)) {
            feed(session, outer == session, session.db(), argv);
        }
    }

    /** replicationFeedMonitors: one line to every monitor. */
    void feed(ClientSession session, boolean fromScript, int db, byte[][] argv) {
        if (monitors.isEmpty()) {
            return;
        }
        byte[] line = line(clock.instant(), fromScript ? "lua" : session.address(), db, argv)
                .getBytes(StandardCharsets.ISO_8859_1);
        for (ClientSession m : monitors) {
            m.push(line);
        }
    }

    /** The status line replicationFeedMonitors writes (ISO-8859-1 text: one char per byte). */
    static String line(Instant at, String client, int db, byte[][] argv) {
        StringBuilder out = new StringBuilder("+");
        out.append(at.getEpochSecond()).append('.').append(String.format("%06d", at.getNano() / 1000));
        out.append(" [").append(db).append(' ').append(client).append("] ");
        String command = new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < argv.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            repr(out, SlowLog.redacted(command, argv, i) ? "(redacted)".getBytes(StandardCharsets.US_ASCII) : argv[i]);
        }
        return out.append("\r\n").toString();
    }

    /** sdscatrepr: a quoted string with C escapes, \xHH for bytes that are not printable. */
    static void repr(StringBuilder out, byte[] bytes) {
        out.append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\', '"' -> out.append('\\').append((char) c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 32 && c < 127) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        out.append('"');
    }
}
