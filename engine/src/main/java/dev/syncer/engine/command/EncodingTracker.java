package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.EncodingLimits;
import dev.syncer.engine.keyspace.Encodings;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.server.Config;

import java.util.Set;

/**
 * Records, after each write, the encoding redis-server would now hold each written key's value in
 * ({@link Encodings}), so that conversions on growth stick as Redis's do, with the thresholds in
 * force at the time of the write.
 */
final class EncodingTracker {

    /** Commands that leave the string they write "raw" (they edit an unshared sds in place). */
    private static final Set<String> RAW_STRING_WRITERS = Set.of("setrange", "setbit", "bitfield", "bitop");

    private final Config config;
    private EncodingLimits limits;

    EncodingTracker(Config config) {
        this.config = config;
        this.limits = EncodingSettings.limits(config);
        if (config.has(EncodingSettings.limitNames()[0])) {
            for (String name : EncodingSettings.limitNames()) {
                config.watch(name, v -> limits = EncodingSettings.limits(config));
            }
        }
    }

    /** APPEND to an existing string leaves it raw, a new key is encoded by shape: note which case this is. */
    boolean beforeWrite(CommandSpec spec, CommandContext ctx) {
        return spec.name().equals("append") && ctx.db().peek(ctx.args().key(spec.firstKey())) != null;
    }

    /** Commands that store a new string with its encoding already decided (setGeneric): no lookup after them. */
    private static boolean encodedByCommand(String name) {
        return switch (name) {
            case "set", "setnx", "setex", "psetex" -> true;
            default -> false;
        };
    }

    void afterWrite(CommandSpec spec, CommandContext ctx, boolean appendedToExisting) {
        int argc = ctx.args().count();
        if (spec.firstKey() <= 0 || spec.firstKey() >= argc || encodedByCommand(spec.name())) {
            return;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        Database db = ctx.db();
        Keyspace keyspace = ctx.shard().keyspace();
        int index = ctx.session().db();
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.step())) {
            Key key = ctx.args().key(i);
            RedisValue v = keyspace.lastWritten(index, key); // what the command wrote: no second lookup
            if (v == null) {
                v = db.peek(key);
            }
            if (v == null) {
                continue;
            }
            if (v instanceof StringValue && i == spec.firstKey()
                    && (appendedToExisting || RAW_STRING_WRITERS.contains(spec.name()))) {
                v.encoding(Encoding.RAW);
            } else {
                v.encoding(Encodings.afterWrite(v, v.encoding(), limits));
            }
        }
    }
}
