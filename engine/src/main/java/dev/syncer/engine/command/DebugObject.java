package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.Encodings;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.KeyAccess;
import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.rdb.DumpPayload;
import dev.syncer.engine.rdb.Quicklist;
import dev.syncer.engine.server.Config;

import java.util.List;
import java.util.Locale;

/**
 * DEBUG OBJECT and DEBUG LISTPACK (debug.c): what redis-server would say of a key's value, its
 * encoding under the thresholds in force, its RDB length and, for a list, its quicklist nodes.
 * Like Redis, neither expires nor touches the key.
 */
final class DebugObject {

    /** The bytes DumpPayload adds around rdbSaveObject's output: the type byte, RDB version and CRC64. */
    private static final int DUMP_FRAME = 1 + 2 + 8;

    private DebugObject() {
    }

    // Format: DEBUG OBJECT key -> +Value at:<addr> refcount:<n> encoding:<enc> serializedlength:<n>
    //   lru:<n> lru_seconds_idle:<n>[ ql_nodes:<n> ql_avg_node:<f> ql_listpack_max:<n> ql_compressed:<0|1>
    //   ql_uncompressed_size:<n>] | -ERR no such key
    static void reply(CommandContext ctx) {
        RedisValue v = ctx.db().peek(ctx.args().key(2));
        if (v == null) {
            throw new CommandError("ERR no such key");
        }
        Config config = ctx.shard().config();
        Encoding encoding = Encodings.of(v, EncodingSettings.limits(config));
        boolean compression = !config.has("rdbcompression") || config.getBoolean("rdbcompression");
        long serialized = DumpPayload.dump(v, compression, listFill(config)).length - DUMP_FRAME;
        String extra = v instanceof ListValue l ? quicklist(l, config) : "";
        // %p of the robj: the value's identity stands in for its address
        ctx.reply().simple(String.format(Locale.ROOT,
                "Value at:0x7f%010x refcount:1 encoding:%s serializedlength:%d lru:%d lru_seconds_idle:%d%s",
                System.identityHashCode(v) * 16L, encoding.redisName(), serialized, v.lru(),
                KeyAccess.idleSeconds(v, ctx.now()), extra));
    }

    private static String quicklist(ListValue list, Config config) {
        int fill = listFill(config);
        long depth = config.has("list-compress-depth") ? config.getLong("list-compress-depth") : 0;
        List<Quicklist.Node> nodes = Quicklist.nodes(list, fill, Quicklist.DEFAULT_PACKED_THRESHOLD);
        long bytes = 0;
        for (Quicklist.Node n : nodes) {
            bytes += n.data().length;
        }
        return String.format(Locale.ROOT, " ql_nodes:%d ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:%d"
                + " ql_uncompressed_size:%d", nodes.size(), (double) list.size() / nodes.size(), fill,
                depth != 0 ? 1 : 0, bytes);
    }

    private static int listFill(Config config) {
        return config.has("list-max-listpack-size") ? (int) config.getLong("list-max-listpack-size")
                : Quicklist.DEFAULT_FILL;
    }

    // Format: DEBUG LISTPACK key -> +Listpack structure printed on stdout | -ERR (not a listpack)
    static void listpack(CommandContext ctx) {
        RedisValue v = ctx.db().peek(ctx.args().key(2));
        if (v == null) {
            throw new CommandError("ERR no such key");
        }
        Encoding encoding = Encodings.of(v, EncodingSettings.limits(ctx.shard().config()));
        if (encoding != Encoding.LISTPACK) {
            throw new CommandError("ERR Not a listpack encoded object.");
        }
        long entries = switch (v) {
            case HashValue h -> 2L * h.size();
            case ZSetValue z -> 2L * z.size();
            default -> 0;
        };
        System.out.printf("{listpack} %s: %d entries%n", ctx.args().string(2), entries);
        ctx.reply().simple("Listpack structure printed on stdout");
    }
}
