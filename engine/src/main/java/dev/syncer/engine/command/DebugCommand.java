package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.StringValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.syncer.engine.command.CommandFlag.ADMIN;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * The DEBUG subcommands worth having here (debug.c): DIGEST and DIGEST-VALUE, to compare datasets
 * with a real redis-server, POPULATE, to load test data fast, and those Redis's own test suite
 * relies on (SLEEP, SET-ACTIVE-EXPIRE, PAUSE-CRON, QUICKLIST-PACKED-THRESHOLD, PROTOCOL, OBJECT).
 * Subcommands that need another package's state (RELOAD, CHANGE-REPL-ID) are added by that package through
 * {@link #addSubcommand}. Nothing DEBUG does is propagated.
 */
public final class DebugCommand {

    /** quicklistisSetPackedThreshold's ceiling: not above, nor even slightly below, 4 GB. */
    private static final long MAX_PACKED_THRESHOLD = (1L << 32) - (1 << 20);

    private DebugCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("debug", -2, 0, 0, 0, DebugCommand::execute, ADMIN, STALE));
    }

    /**
     * Lets another package answer {@code DEBUG <name> ...} (it checks its own arguments); every
     * other subcommand still reaches the DEBUG registered before.
     */
    public static void addSubcommand(CommandTable t, String name, Command handler) {
        CommandSpec debug = t.lookup("debug");
        t.add(new CommandSpec(debug.name(), debug.arity(), debug.flags(), debug.firstKey(), debug.lastKey(),
                debug.step(), ctx -> {
                    if (ctx.args().is(1, name)) {
                        handler.execute(ctx);
                    } else {
                        debug.command().execute(ctx);
                    }
                }));
    }

    private static void execute(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        if (sub.equals("DIGEST") && a.count() == 2) {
            ctx.reply().simple(DatasetDigest.hex(DatasetDigest.of(ctx.shard().keyspace())));
        } else if (sub.equals("DIGEST-VALUE")) {
            ctx.reply().arrayHeader(a.count() - 2);
            for (int i = 2; i < a.count(); i++) {
                ctx.reply().simple(DatasetDigest.hex(DatasetDigest.ofValue(ctx.db(), a.key(i))));
            }
        } else if (sub.equals("POPULATE") && a.count() >= 3 && a.count() <= 5) {
            populate(ctx);
        } else if (sub.equals("SLEEP") && a.count() == 3) {
            sleep(ctx);
        } else if (sub.equals("SET-ACTIVE-EXPIRE") && a.count() == 3) {
            ctx.shard().setActiveExpire(atoi(a.string(2)) != 0);
            ctx.reply().ok();
        } else if (sub.equals("PAUSE-CRON") && a.count() == 3) {
            ctx.shard().setCronPausedForDebug(atoi(a.string(2)) != 0);
            ctx.reply().ok();
        } else if (sub.equals("QUICKLIST-PACKED-THRESHOLD") && a.count() == 3) {
            quicklistPackedThreshold(ctx);
        } else if (sub.equals("OBJECT") && a.count() == 3) {
            DebugObject.reply(ctx);
        } else if (sub.equals("LISTPACK") && a.count() == 3) {
            DebugObject.listpack(ctx);
        } else if (sub.equals("REPLICATE") && a.count() >= 3) {
            // replicationFeedSlaves with no database: sent to the replicas, never run here (tests
            // use it to hand a replica a command it cannot apply)
            ctx.shard().feed().propagate(-1, java.util.Arrays.copyOfRange(a.argv(), 2, a.count()));
            ctx.reply().ok();
        } else if (sub.equals("REPLYBUFFER") && a.count() == 4
                && (a.option(2).equals("PEAK-RESET-TIME") || a.option(2).equals("RESIZING"))) {
            // PEAK-RESET-TIME and RESIZING tune Redis's per-client reply buffer, which a shard does not keep
            ctx.reply().ok();
        } else if (sub.equals("HTSTATS-KEY") && a.count() == 3) {
            DebugHtStats.reply(ctx);
        } else if (sub.equals("STRINGMATCH-TEST") && a.count() == 2) {
            stringmatchTest();
            ctx.reply().simple("Apparently Redis did not crash: test passed");
        } else if (sub.equals("PROTOCOL") && a.count() == 3) {
            DebugProtocol.reply(ctx.reply(), a.string(2));
        } else {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1) + "'. Try DEBUG HELP.");
        }
    }

    /**
     * stringmatchlen_fuzz_test: ten million random patterns against random strings (up to 31 bytes
     * of 0-127 each), on the loop as Redis runs it; what matters is that the matcher neither throws
     * nor hangs (DEBUG STRINGMATCH-LEN is Redis 7.2's, unknown in 7.0).
     */
    static int stringmatchTest() {
        java.util.SplittableRandom random = new java.util.SplittableRandom();
        int matches = 0;
        for (int cycle = 0; cycle < 10_000_000; cycle++) {
            byte[] str = new byte[random.nextInt(32)];
            byte[] pat = new byte[random.nextInt(32)];
            for (int j = 0; j < str.length; j++) {
                str[j] = (byte) random.nextInt(128);
            }
            for (int j = 0; j < pat.length; j++) {
                pat[j] = (byte) random.nextInt(128);
            }
            matches += dev.syncer.engine.server.Glob.compile(pat, false).matches(str) ? 1 : 0;
        }
        return matches;
    }

    // Format: DEBUG SLEEP seconds -> +OK after blocking the shard's loop, as nanosleep blocks
    // redis-server: no client of this shard is served meanwhile (tests use it to provoke timeouts).
    private static void sleep(CommandContext ctx) {
        long micros = (long) (strtod(ctx.args().string(2)) * 1_000_000);
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ctx.reply().ok();
    }

    // Format: DEBUG QUICKLIST-PACKED-THRESHOLD size -> +OK. Lists here have no quicklist nodes, so
    // the threshold that makes a big element a "plain" node changes nothing stored; it is still
    // validated as Redis validates it, so the suite's calls get Redis's replies.
    private static void quicklistPackedThreshold(CommandContext ctx) {
        long size;
        try {
            String v = ctx.args().string(2);
            size = v.startsWith("-") ? -1 : dev.syncer.engine.server.Config.parseMemory(v);
        } catch (IllegalArgumentException e) {
            size = -1;
        }
        if (size < 0 || size > MAX_PACKED_THRESHOLD) {
            throw new CommandError("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
        }
        ctx.reply().ok();
    }

    /** C's atoi: the leading optional sign and digits, 0 when there are none. */
    static long atoi(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** C's strtod as debug.c uses it: the longest numeric prefix, 0 when there is none. */
    static double strtod(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(s);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    // Format: DEBUG POPULATE count [prefix] [size] -> +OK; adds "<prefix>:<n>" = "value:<n>" (padded
    // with zero bytes, or cut, to size) for n in [0, count), skipping keys that exist.
    private static void populate(CommandContext ctx) {
        Args a = ctx.args();
        long keys = a.positiveLong(2);
        long size = a.count() == 5 ? a.positiveLong(4) : 0;
        String prefix = a.count() >= 4 ? a.string(3) : "key";
        Database db = ctx.db();
        db.expand(keys); // as populate's dictExpand: the tables are sized once, no garbage of grown ones
        for (long j = 0; j < keys; j++) {
            Key key = Key.of(prefix + ":" + j);
            if (db.get(key) != null) {
                continue;
            }
            byte[] value = ("value:" + j).getBytes(StandardCharsets.US_ASCII);
            if (size > 0) {
                value = Arrays.copyOf(value, (int) size);
            }
            db.put(key, new StringValue(value));
        }
        ctx.reply().ok();
    }
}
