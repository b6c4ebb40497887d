package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Commands across several sets, as Redis 7.0's t_set.c: SINTER, SUNION, SDIFF, their *STORE forms,
 * SINTERCARD and SMOVE. A missing key is an empty set; every key named is type-checked before
 * anything is computed. All are propagated as received.
 */
final class SetAlgebraCommands {

    private SetAlgebraCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("sinter", -2, 1, -1, 1, ctx -> sinter(ctx, 1, false), READONLY));
        t.add(CommandSpec.of("sinterstore", -3, 1, -1, 1, ctx -> sinter(ctx, 2, true), WRITE, DENYOOM));
        t.add(CommandSpec.of("sintercard", -3, 0, 0, 0, SetAlgebraCommands::sintercard, READONLY));
        t.add(CommandSpec.of("sunion", -2, 1, -1, 1, ctx -> unionOrDiff(ctx, 1, false, true), READONLY));
        t.add(CommandSpec.of("sunionstore", -3, 1, -1, 1, ctx -> unionOrDiff(ctx, 2, true, true), WRITE, DENYOOM));
        t.add(CommandSpec.of("sdiff", -2, 1, -1, 1, ctx -> unionOrDiff(ctx, 1, false, false), READONLY));
        t.add(CommandSpec.of("sdiffstore", -3, 1, -1, 1, ctx -> unionOrDiff(ctx, 2, true, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("smove", 4, 1, 2, 1, SetAlgebraCommands::smove, WRITE, FAST));
    }

    /** The sets named by arguments [from, to): null for a missing key; WRONGTYPE if any is not a set. */
    private static List<SetValue> sets(CommandContext ctx, int from, int to) {
        List<SetValue> sets = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            sets.add(ctx.read(ctx.args().key(i), SetValue.class));
        }
        return sets;
    }

    /**
     * Redis's sinterGenericCommand: the members of the smallest set found in every other one,
     * stopping once limit are found (0: no limit). Empty when any set is missing.
     */
    static List<Key> intersection(List<SetValue> sets, long limit) {
        List<Key> out = new ArrayList<>();
        if (sets.contains(null)) {
            return out;
        }
        List<SetValue> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingInt(SetValue::size));
        SetValue smallest = bySize.get(0);
        for (Key m : smallest.members()) {
            boolean everywhere = true;
            for (int j = 1; j < bySize.size() && everywhere; j++) {
                everywhere = bySize.get(j) == smallest || bySize.get(j).members().contains(m);
            }
            if (everywhere) {
                out.add(m);
                if (limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Redis's sunionDiffGenericCommand: the union, or the first set's members in none of the others. */
    static SetValue unionOrDifference(List<SetValue> sets, boolean union) {
        SetValue result = new SetValue();
        if (union) {
            for (SetValue s : sets) {
                if (s != null) {
                    result.members().addAll(s.members());
                }
            }
            return result;
        }
        SetValue first = sets.get(0);
        if (first == null) {
            return result;
        }
        result.members().addAll(first.members());
        for (int j = 1; j < sets.size() && result.size() > 0; j++) {
            SetValue other = sets.get(j);
            if (other == first) {
                result.members().clear();
            } else if (other != null) {
                result.members().removeAll(other.members());
            }
        }
        return result;
    }

    // Format: SINTER key [key ...] -> array; SINTERSTORE destination key [key ...] -> :size
    private static void sinter(CommandContext ctx, int firstKey, boolean store) {
        List<Key> members = intersection(sets(ctx, firstKey, ctx.args().count()), 0);
        if (store) {
            SetValue result = new SetValue();
            result.members().addAll(members);
            Destinations.store(ctx, ctx.args().key(1), result, result.size());
            return;
        }
        reply(ctx.reply(), members);
    }

    // Format: SINTERCARD numkeys key [key ...] [LIMIT limit] -> :cardinality
    private static void sintercard(CommandContext ctx) {
        Args a = ctx.args();
        long numKeys = Counts.inRange(a, 1, 1, Long.MAX_VALUE, "numkeys should be greater than 0");
        if (numKeys > a.count() - 2) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int j = 2 + (int) numKeys; j < a.count(); j++) {
            if (a.is(j, "LIMIT") && j + 1 < a.count()) {
                limit = Counts.positive(a, ++j, "LIMIT can't be negative");
            } else {
                throw CommandError.syntax();
            }
        }
        ctx.reply().integer(intersection(sets(ctx, 2, 2 + (int) numKeys), limit).size());
    }

    // Format: SUNION key [key ...] | SDIFF key [key ...] -> array;
    //   SUNIONSTORE | SDIFFSTORE destination key [key ...] -> :size
    private static void unionOrDiff(CommandContext ctx, int firstKey, boolean store, boolean union) {
        SetValue result = unionOrDifference(sets(ctx, firstKey, ctx.args().count()), union);
        if (store) {
            Destinations.store(ctx, ctx.args().key(1), result, result.size());
            return;
        }
        reply(ctx.reply(), result.members());
    }

    /** addReplySetLen: a RESP3 set, an array in RESP2. */
    private static void reply(Reply r, java.util.Collection<Key> members) {
        r.setHeader(members.size());
        for (Key m : members) {
            r.bulk(m.bytes());
        }
    }

    // Format: SMOVE source destination member -> :1 (moved) | :0 (not in source)
    private static void smove(CommandContext ctx) {
        Args a = ctx.args();
        Key srcKey = a.key(1);
        Key dstKey = a.key(2);
        Key member = a.key(3);
        SetValue src = ctx.write(srcKey, SetValue.class);
        if (src == null) {
            ctx.reply().integer(0);
            return;
        }
        SetValue dst = ctx.write(dstKey, SetValue.class);
        if (src == dst) {
            ctx.reply().integer(src.members().contains(member) ? 1 : 0);
            return;
        }
        if (!src.members().remove(member)) {
            ctx.reply().integer(0);
            return;
        }
        ctx.notify(KeyspaceEvents.SET, "srem", srcKey);
        if (src.size() == 0) {
            ctx.db().remove(srcKey);
            ctx.notify(KeyspaceEvents.GENERIC, "del", srcKey);
        }
        if (dst == null) {
            dst = new SetValue();
            ctx.db().put(dstKey, dst);
        }
        ctx.changed();
        if (dst.members().add(member)) {
            ctx.changed();
            ctx.notify(KeyspaceEvents.SET, "sadd", dstKey);
        } else {
            ctx.modifiedOnly(srcKey);
        }
        ctx.reply().integer(1);
    }
}
