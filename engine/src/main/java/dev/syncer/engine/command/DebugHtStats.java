package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.Encodings;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.ZSetValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * DEBUG HTSTATS-KEY key, in Redis 7.0's words (debug.c, dict.c's dictGetStats). A shard's sets,
 * hashes and sorted sets are not Redis's dicts, so the reply lays the value's members out in the
 * table Redis's dict would have for them: its size is what Redis's expansion rule gives that many
 * elements (a power of two, at least 4: _dictNextExp), its chains follow the shard's member hash
 * (Redis's follow siphash under a per-process random seed, so two redis-servers differ there too).
 * Nothing rehashes incrementally here, so a "rehashing target" table never appears.
 */
final class DebugHtStats {

    /** DICT_STATS_VECTLEN: chains this long or longer share the last counter. */
    private static final int STATS_VECTLEN = 50;
    private static final int INITIAL_SIZE = 4;

    private DebugHtStats() {
    }

    // Format: DEBUG HTSTATS-KEY key -> =txt:Hash table 0 stats (main hash table):\n ... | -ERR no such key
    //   | -ERR The value stored at the specified key is not represented using an hash table
    static void reply(CommandContext ctx) {
        RedisValue v = ctx.db().peek(ctx.args().key(2));
        if (v == null) {
            throw new CommandError("ERR no such key");
        }
        Encoding encoding = Encodings.of(v, EncodingSettings.limits(ctx.shard().config()));
        Collection<Key> members = encoding != Encoding.HASHTABLE && encoding != Encoding.SKIPLIST ? null
                : v instanceof SetValue s ? s.members()
                : v instanceof HashValue h ? h.fields().keySet()
                : v instanceof ZSetValue z ? membersOf(z) : null;
        if (members == null) {
            throw new CommandError("ERR The value stored at the specified key is not represented using an hash table");
        }
        ctx.reply().verbatim(stats(members));
    }

    /** A sorted set's members: the keys of the dict Redis keeps beside its skiplist. */
    private static Collection<Key> membersOf(ZSetValue z) {
        List<Key> members = new ArrayList<>(z.size());
        z.forEach((member, score) -> members.add(member));
        return members;
    }

    /** _dictGetStatsHt for the main table of a dict holding {@code members}. */
    static String stats(Collection<Key> members) {
        int used = members.size();
        StringBuilder out = new StringBuilder("Hash table 0 stats (main hash table):\n");
        if (used == 0) {
            return out.append("No stats available for empty dictionaries\n").toString();
        }
        int size = Math.max(INITIAL_SIZE, Integer.highestOneBit(used - 1) << 1);
        int[] chains = new int[size];
        for (Key k : members) {
            chains[spread(k.hashCode()) & (size - 1)]++;
        }
        long[] vector = new long[STATS_VECTLEN];
        long slots = 0;
        long maxChain = 0;
        long total = 0;
        for (int chain : chains) {
            vector[Math.min(chain, STATS_VECTLEN - 1)]++;
            if (chain > 0) {
                slots++;
                maxChain = Math.max(maxChain, chain);
                total += chain;
            }
        }
        out.append(String.format(Locale.ROOT, """
                 table size: %d
                 number of elements: %d
                 different slots: %d
                 max chain length: %d
                 avg chain length (counted): %.02f
                 avg chain length (computed): %.02f
                 Chain length distribution:
                """, size, used, slots, maxChain, (float) total / slots, (float) used / slots));
        for (int i = 0; i < STATS_VECTLEN - 1; i++) {
            if (vector[i] != 0) {
                out.append(String.format(Locale.ROOT, "   %d: %d (%.02f%%)\n", i, vector[i], (float) vector[i] / size * 100));
            }
        }
        return out.toString();
    }

    /** A finalizer over the member's hash, so that its low bits (the slot) depend on all of it. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
