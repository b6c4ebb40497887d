package dev.syncer.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a command's keys are, as Redis 7.0's key specs say: a fixed range for most, a count
 * argument for the "movablekeys" commands (ZUNIONSTORE, EVAL, LMPOP ...), a subcommand's argument
 * for containers (MEMORY USAGE, XGROUP CREATE). COMMAND GETKEYS and COMMAND INFO's flag use it.
 */
final class CommandKeys {

    /** Commands whose keys move with their arguments (COMMAND INFO flags them "movablekeys"). */
    static final Set<String> MOVABLE = Set.of("zunionstore", "zinterstore", "zdiffstore", "zunion", "zinter", "zdiff",
            "zintercard", "sintercard", "xread", "xreadgroup", "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall",
            "fcall_ro", "sort", "sort_ro", "georadius", "georadiusbymember", "lmpop", "blmpop", "zmpop", "bzmpop",
            "migrate");
    /** numkeys position for the commands whose keys follow a count. */
    private static final Set<String> NUMKEYS_AT_2 = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall",
            "fcall_ro", "zunion", "zinter", "zdiff", "zintercard", "sintercard");
    private static final Set<String> NUMKEYS_AT_1 = Set.of("lmpop", "zmpop");
    private static final Set<String> DEST_THEN_NUMKEYS = Set.of("zunionstore", "zinterstore", "zdiffstore");
    private static final Set<String> NO_MANDATORY_KEYS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro",
            "fcall", "fcall_ro", "xread", "xreadgroup");

    private CommandKeys() {
    }

    /** The keys of {@code argv}; empty when there are none (or the arguments do not say). */
    static List<byte[]> keys(CommandSpec spec, byte[][] argv) {
        List<byte[]> out = new ArrayList<>();
        String name = spec.name();
        if (NUMKEYS_AT_2.contains(name)) {
            counted(argv, 2, out);
        } else if (NUMKEYS_AT_1.contains(name)) {
            counted(argv, 1, out);
        } else if (name.equals("blmpop") || name.equals("bzmpop")) {
            counted(argv, 2, out);
        } else if (DEST_THEN_NUMKEYS.contains(name)) {
            if (argv.length > 1) {
                out.add(argv[1]);
            }
            counted(argv, 2, out);
        } else if (name.equals("xread") || name.equals("xreadgroup")) {
            for (int i = 1; i < argv.length; i++) {
                if (is(argv[i], "STREAMS")) {
                    int n = (argv.length - i - 1) / 2;
                    for (int j = 0; j < n; j++) {
                        out.add(argv[i + 1 + j]);
                    }
                    break;
                }
            }
        } else if (Set.of("memory", "xgroup", "xinfo", "object").contains(name)) {
            boolean keyed = argv.length > 2 && !(name.equals("memory") && !is(argv[1], "USAGE"))
                    && !(name.equals("xgroup") && is(argv[1], "HELP"));
            if (keyed) {
                out.add(argv[2]);
            }
        } else if (spec.firstKey() > 0) {
            int last = spec.lastKey() < 0 ? argv.length + spec.lastKey() : spec.lastKey();
            for (int i = spec.firstKey(); i <= last && i < argv.length; i += Math.max(1, spec.step())) {
                out.add(argv[i]);
            }
            if (name.equals("sort")) {
                byte[] store = sortStore(argv);
                if (store != null) {
                    out.add(store);
                }
            }
        }
        return out;
    }

    /**
     * sortGetKeys: the last STORE's destination (as SORT itself uses the last), skipping LIMIT's two
     * arguments and GET's and BY's one; null without a STORE.
     */
    private static byte[] sortStore(byte[][] argv) {
        byte[] store = null;
        for (int i = 2; i < argv.length; i++) {
            if (is(argv[i], "LIMIT")) {
                i += 2;
            } else if (is(argv[i], "GET") || is(argv[i], "BY")) {
                i += 1;
            } else if (is(argv[i], "STORE") && i + 1 < argv.length) {
                store = argv[i + 1];
            }
        }
        return store;
    }

    static boolean noMandatoryKeys(CommandSpec spec) {
        return NO_MANDATORY_KEYS.contains(spec.name());
    }

    /** Whether the command takes keys at all (COMMAND GETKEYS refuses those that do not). */
    static boolean hasKeys(CommandSpec spec) {
        return spec.firstKey() > 0 || MOVABLE.contains(spec.name())
                || Set.of("memory", "xgroup", "xinfo", "object").contains(spec.name());
    }

    private static void counted(byte[][] argv, int at, List<byte[]> out) {
        if (argv.length <= at) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(new String(argv[at], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return;
        }
        for (int i = at + 1; i <= at + n && i < argv.length; i++) {
            out.add(argv[i]);
        }
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).equals(word);
    }
}
