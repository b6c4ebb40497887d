package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The arguments of LMPOP and ZMPOP (and their blocking forms, whose numkeys comes one later):
 * {@code numkeys key [key ...] <where> [COUNT count]}, parsed and checked in Redis's order
 * (lmpopGenericCommand, zmpopGenericCommand).
 */
record MultiPop<W>(List<Key> keys, W where, long count) {

    /** whereOf reads the LEFT/RIGHT or MIN/MAX word at the index given, or throws a syntax error. */
    static <W> MultiPop<W> parse(Args a, int numKeysIndex, IntFunction<W> whereOf) {
        long numKeys = Counts.inRange(a, numKeysIndex, 1, Long.MAX_VALUE, "numkeys should be greater than 0");
        long whereIndex = numKeysIndex + numKeys + 1;
        if (whereIndex >= a.count()) {
            throw CommandError.syntax();
        }
        int where = (int) whereIndex;
        W w = whereOf.apply(where);
        long count = -1;
        for (int j = where + 1; j < a.count(); j++) {
            if (count == -1 && a.is(j, "COUNT") && j + 1 < a.count()) {
                count = Counts.inRange(a, ++j, 1, Long.MAX_VALUE, "count should be greater than 0");
            } else {
                throw CommandError.syntax();
            }
        }
        List<Key> keys = new ArrayList<>(where - numKeysIndex - 1);
        for (int i = numKeysIndex + 1; i < where; i++) {
            keys.add(a.key(i));
        }
        return new MultiPop<>(keys, w, count == -1 ? 1 : count);
    }

    /**
     * The first of keys that holds a value, which must be of type (WRONGTYPE otherwise, as Redis
     * checks each key it meets); null when none does.
     */
    static Key firstPresent(CommandContext ctx, List<Key> keys, Class<? extends RedisValue> type) {
        for (Key key : keys) {
            if (ctx.write(key, type) != null) {
                return key;
            }
        }
        return null;
    }
}
