package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.Encodings;
import dev.syncer.engine.keyspace.KeyAccess;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;

import java.util.List;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ / HELP, as Redis 7.0's object.c. None of them
 * counts as an access to the key (LOOKUP_NOTOUCH).
 */
final class ObjectCommand {

    /** OBJ_SHARED_REFCOUNT: what REFCOUNT says of Redis's shared integers. */
    static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** OBJ_SHARED_INTEGERS: 0 to 9999 are shared objects when no LRU/LFU maxmemory policy needs them apart. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final String POLICY_SWITCH = " Please note that when switching between policies at runtime"
            + " LRU and LFU data will take some time to adjust.";

    private static final List<String> HELP = List.of(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    private ObjectCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("object", -2, 2, 2, 1, ObjectCommand::object, READONLY));
    }

    // Format: OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ key -> $encoding | :n | $-1 (missing key); OBJECT HELP
    private static void object(CommandContext ctx) {
        Args a = ctx.args();
        String sub = a.option(1);
        int arity = switch (sub) {
            case "HELP" -> 2;
            case "ENCODING", "REFCOUNT", "IDLETIME", "FREQ" -> 3;
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try OBJECT HELP.");
        };
        if (a.count() != arity) {
            throw new CommandError("ERR wrong number of arguments for 'object|" + sub.toLowerCase(java.util.Locale.ROOT)
                    + "' command");
        }
        if (sub.equals("HELP")) {
            ctx.reply().arrayHeader(HELP.size());
            HELP.forEach(ctx.reply()::simple);
            return;
        }
        RedisValue v = ctx.db().getNoTouch(a.key(2));
        if (v == null) {
            ctx.reply().nullBulk();
            return;
        }
        KeyAccess access = ctx.shard().keyspace().access();
        switch (sub) {
            case "ENCODING" -> ctx.reply().bulk(
                    Encodings.of(v, EncodingSettings.limits(ctx.shard().config())).redisName());
            case "REFCOUNT" -> ctx.reply().integer(shared(ctx, v) ? SHARED_REFCOUNT : 1);
            case "IDLETIME" -> {
                if (access.lfu()) {
                    throw new CommandError("ERR An LFU maxmemory policy is selected, idle time not tracked." + POLICY_SWITCH);
                }
                ctx.reply().integer(KeyAccess.idleSeconds(v, ctx.now()));
            }
            default -> {
                if (!access.lfu()) {
                    throw new CommandError("ERR An LFU maxmemory policy is not selected, access frequency not tracked."
                            + POLICY_SWITCH);
                }
                ctx.reply().integer(access.frequency(v, ctx.now()));
            }
        }
    }

    /**
     * tryObjectEncoding's sharing: a small non-negative integer string is one of Redis's shared
     * objects unless maxmemory is set with an LRU/LFU policy (each key then needs its own clock).
     */
    private static boolean shared(CommandContext ctx, RedisValue v) {
        if (!(v instanceof StringValue s) || s.encoding() == Encoding.RAW || s.isDuplicate()) {
            return false;
        }
        Long n = s.bytes().length <= 20 ? s.asLong() : null;
        if (n == null || n < 0 || n >= SHARED_INTEGERS) {
            return false;
        }
        String policy = ctx.shard().config().get("maxmemory-policy");
        return ctx.shard().config().getLong("maxmemory") == 0 || !(policy.contains("lru") || policy.contains("lfu"));
    }
}
