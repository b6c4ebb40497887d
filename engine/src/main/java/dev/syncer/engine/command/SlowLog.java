package dev.syncer.engine.command;

import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Shard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * Redis's slowlog.c: commands that ran longer than slowlog-log-slower-than microseconds, newest
 * first, at most slowlog-max-len, with their arguments trimmed and secrets redacted.
 */
final class SlowLog {

    static final String SLOWER_THAN = "slowlog-log-slower-than";
    static final String MAX_LEN = "slowlog-max-len";
    private static final int MAX_ARGC = 32;
    private static final int MAX_STRING = 128;
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);
    /** Configs whose values CONFIG SET redacts (Redis's SENSITIVE_CONFIG). */
    private static final Set<String> SENSITIVE = Set.of("masterauth", "masteruser", "requirepass");

    private record Entry(long id, long unixSeconds, long micros, byte[][] args, String address, String name) {
    }

    private final Shard shard;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    private volatile long slowerThan; // kept by a watch: read after every command

    SlowLog(Shard shard) {
        this.shard = shard;
        shard.config().watch(MAX_LEN, v -> trim());
        shard.config().watch(SLOWER_THAN, v -> slowerThan = Long.parseLong(v));
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("slowlog", -2, 0, 0, 0, SlowLog::command, ADMIN, STALE));
    }

    /** slowlogPushEntryIfNeeded: after a command ran (EXEC itself is not logged, what it ran is). */
    void record(CommandSpec spec, ClientSession c, byte[][] argv, long micros) {
        long slower = slowerThan;
        if (slower < 0 || micros < slower || spec.name().equals("exec")) {
            return;
        }
        entries.addFirst(new Entry(nextId++, shard.clock().millis() / 1000, micros, logged(spec.name(), argv),
                c.address(), c.name()));
        trim();
    }

    private void trim() {
        long max = shard.config().getLong(MAX_LEN);
        while (entries.size() > max) {
            entries.removeLast();
        }
    }

    /** The arguments as logged: at most 32, each at most 128 bytes, secrets as "(redacted)". */
    static byte[][] logged(String command, byte[][] argv) {
        int argc = Math.min(argv.length, MAX_ARGC);
        byte[][] out = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            if (argc != argv.length && i == argc - 1) {
                out[i] = ("... (" + (argv.length - argc + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
            } else if (redacted(command, argv, i)) {
                out[i] = REDACTED;
            } else if (argv[i].length > MAX_STRING) {
                byte[] tail = ("... (" + (argv[i].length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                out[i] = Arrays.copyOf(argv[i], MAX_STRING + tail.length);
                System.arraycopy(tail, 0, out[i], MAX_STRING, tail.length);
            } else {
                out[i] = argv[i];
            }
        }
        return out;
    }

    /** redactClientCommandArgument's callers: AUTH, HELLO AUTH, ACL SETUSER, CONFIG SET secrets, MIGRATE AUTH. */
    static boolean redacted(String command, byte[][] argv, int i) {
        switch (command) {
            case "auth":
                return i >= 1;
            case "acl":
                return i >= 2 && is(argv[1], "setuser");
            case "config":
                return i >= 3 && i % 2 == 1 && is(argv[1], "set")
                        && SENSITIVE.contains(new String(argv[i - 1], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT));
            case "hello":
            case "migrate":
                for (int j = 1; j < i; j++) {
                    if (is(argv[j], "auth") && i - j <= (command.equals("hello") ? 2 : 1)) {
                        return true;
                    }
                    if (is(argv[j], "auth2") && i - j <= 2) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.UTF_8).equalsIgnoreCase(word);
    }

    // Format: SLOWLOG GET [count] | LEN | RESET | HELP
    private static void command(CommandContext ctx) {
        SlowLog log = ctx.dispatcher().slowLog();
        Args a = ctx.args();
        Reply r = ctx.reply();
        String sub = a.option(1);
        if (sub.equals("LEN") && a.count() == 2) {
            r.integer(log.entries.size());
        } else if (sub.equals("RESET") && a.count() == 2) {
            log.entries.clear();
            r.ok();
        } else if (sub.equals("GET") && a.count() <= 3) {
            long count = 10;
            if (a.count() == 3) {
                count = a.longValue(2);
                if (count < -1) {
                    throw new CommandError("ERR count should be greater than or equal to -1");
                }
                if (count == -1) {
                    count = log.entries.size();
                }
            }
            int n = (int) Math.min(count, log.entries.size());
            r.arrayHeader(n);
            Iterator<Entry> it = log.entries.iterator();
            for (int i = 0; i < n; i++) {
                Entry e = it.next();
                r.arrayHeader(6);
                r.integer(e.id());
                r.integer(e.unixSeconds());
                r.integer(e.micros());
                r.arrayHeader(e.args().length);
                for (byte[] arg : e.args()) {
                    r.bulk(arg);
                }
                r.bulk(e.address());
                r.bulk(e.name());
            }
        } else if (sub.equals("HELP") && a.count() == 2) {
            String[] help = {"SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET [<count>]", "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "LEN", "    Return the length of the slowlog.", "RESET", "    Reset the slowlog.",
                "HELP", "    Print this help."};
            r.arrayHeader(help.length);
            for (String line : help) {
                r.simple(line);
            }
        } else {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                    + "'. Try SLOWLOG HELP.");
        }
    }
}
