package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Doubles;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * ZUNION, ZINTER, ZDIFF, their *STORE forms and ZINTERCARD, as Redis 7.0's
 * zunionInterDiffGenericCommand. Inputs may be sorted sets or plain sets (every member scoring 1);
 * a missing key is empty. WEIGHTS multiply each input's scores, AGGREGATE SUM | MIN | MAX combines
 * them; a NaN (inf - inf, inf * 0) becomes 0 as in Redis. All are propagated as received.
 */
final class ZSetAlgebraCommands {

    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    /** One input: its members with scores (null when the key is missing) and its weight. */
    record Source(RedisValue value, double weight) {
        int size() {
            return switch (value) {
                case null -> 0;
                case ZSetValue z -> z.size();
                case SetValue s -> s.size();
                default -> 0;
            };
        }

        Double score(Key member) {
            return switch (value) {
                case null -> null;
                case ZSetValue z -> z.score(member);
                case SetValue s -> s.members().contains(member) ? 1.0 : null;
                default -> null;
            };
        }

        Map<Key, Double> entries() {
            Map<Key, Double> out = new LinkedHashMap<>();
            switch (value) {
                case null -> { }
                case ZSetValue z -> z.forEach(out::put);
                case SetValue s -> s.members().forEach(m -> out.put(m, 1.0));
                default -> { }
            }
            return out;
        }
    }

    private ZSetAlgebraCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("zunion", -3, 0, 0, 0, ctx -> run(ctx, Op.UNION, false, false), READONLY));
        t.add(CommandSpec.of("zinter", -3, 0, 0, 0, ctx -> run(ctx, Op.INTER, false, false), READONLY));
        t.add(CommandSpec.of("zdiff", -3, 0, 0, 0, ctx -> run(ctx, Op.DIFF, false, false), READONLY));
        t.add(CommandSpec.of("zintercard", -3, 0, 0, 0, ctx -> run(ctx, Op.INTER, false, true), READONLY));
        t.add(CommandSpec.of("zunionstore", -4, 1, 1, 1, ctx -> run(ctx, Op.UNION, true, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("zinterstore", -4, 1, 1, 1, ctx -> run(ctx, Op.INTER, true, false), WRITE, DENYOOM));
        t.add(CommandSpec.of("zdiffstore", -4, 1, 1, 1, ctx -> run(ctx, Op.DIFF, true, false), WRITE, DENYOOM));
    }

    // Format: ZUNION | ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
    //   ZDIFF numkeys key [key ...] [WITHSCORES] -> array
    //   ZUNIONSTORE | ZINTERSTORE | ZDIFFSTORE destination numkeys key [key ...] [options] -> :size
    //   ZINTERCARD numkeys key [key ...] [LIMIT limit] -> :cardinality
    private static void run(CommandContext ctx, Op op, boolean store, boolean cardinalityOnly) {
        Args a = ctx.args();
        int numKeysIndex = store ? 2 : 1;
        long numKeys = a.longValue(numKeysIndex);
        if (numKeys < 1) {
            throw new CommandError("ERR at least 1 input key is needed for '" + a.commandName() + "' command");
        }
        if (numKeys > a.count() - (numKeysIndex + 1)) {
            throw CommandError.syntax();
        }
        int n = (int) numKeys;
        RedisValue[] values = new RedisValue[n];
        int j = numKeysIndex + 1;
        for (int i = 0; i < n; i++, j++) {
            RedisValue v = KeyCommands.lookupRead(ctx, a.key(j));
            if (v != null && !(v instanceof ZSetValue) && !(v instanceof SetValue)) {
                throw CommandError.wrongType();
            }
            values[i] = v;
        }
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        boolean weighted = op != Op.DIFF && !cardinalityOnly;
        while (j < a.count()) {
            int remaining = a.count() - j;
            if (weighted && remaining >= n + 1 && a.is(j, "WEIGHTS")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    Double w = Doubles.parse(a.bytes(j));
                    if (w == null) {
                        throw new CommandError("ERR weight value is not a float");
                    }
                    weights[i] = w;
                }
            } else if (weighted && remaining >= 2 && a.is(j, "AGGREGATE")) {
                aggregate = switch (a.option(j + 1)) {
                    case "SUM" -> Aggregate.SUM;
                    case "MIN" -> Aggregate.MIN;
                    case "MAX" -> Aggregate.MAX;
                    default -> throw CommandError.syntax();
                };
                j += 2;
            } else if (!store && !cardinalityOnly && a.is(j, "WITHSCORES")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && a.is(j, "LIMIT")) {
                limit = Counts.positive(a, j + 1, "LIMIT can't be negative");
                j += 2;
            } else {
                throw CommandError.syntax();
            }
        }
        List<Source> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(new Source(values[i], weights[i]));
        }
        if (cardinalityOnly) {
            ctx.reply().integer(intersectionCardinality(sources, limit));
            return;
        }
        ZSetValue result = combine(sources, op, aggregate);
        if (store) {
            Destinations.store(ctx, a.key(1), stored(result), result.size());
        } else {
            reply(ctx.reply(), result, withScores);
        }
    }

    /**
     * The result as a destination holds it: a -0 score becomes 0, as a small sorted set (a
     * listpack) stores it, while a reply straight from the computation keeps the sign.
     */
    static ZSetValue stored(ZSetValue result) {
        List<Key> negativeZero = new ArrayList<>();
        result.forEach((m, score) -> {
            if (Double.doubleToRawLongBits(score) == Double.doubleToRawLongBits(-0.0)) {
                negativeZero.add(m);
            }
        });
        negativeZero.forEach(m -> result.put(m, 0.0));
        return result;
    }

    /** Redis's zunionInterAggregate. */
    static double aggregate(double target, double value, Aggregate how) {
        return switch (how) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0.0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    private static double weighted(double score, double weight) {
        double v = score * weight;
        return Double.isNaN(v) ? 0.0 : v;
    }

    /** The result of op over the sources, as a new sorted set. */
    static ZSetValue combine(List<Source> sources, Op op, Aggregate how) {
        ZSetValue out = new ZSetValue();
        if (op == Op.DIFF) {
            Source first = sources.get(0);
            for (Map.Entry<Key, Double> e : first.entries().entrySet()) {
                boolean elsewhere = false;
                for (int j = 1; j < sources.size() && !elsewhere; j++) {
                    elsewhere = sources.get(j).value() == first.value() || sources.get(j).score(e.getKey()) != null;
                }
                if (!elsewhere) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        }
        List<Source> bySize = new ArrayList<>(sources);
        bySize.sort(Comparator.comparingInt(Source::size));
        if (op == Op.INTER) {
            if (bySize.get(0).size() == 0) {
                return out;
            }
            for (Map.Entry<Key, Double> e : bySize.get(0).entries().entrySet()) {
                Double score = interScore(bySize, e.getKey(), e.getValue(), how);
                if (score != null) {
                    out.put(e.getKey(), score);
                }
            }
            return out;
        }
        Map<Key, Double> union = new LinkedHashMap<>();
        for (Source s : bySize) {
            for (Map.Entry<Key, Double> e : s.entries().entrySet()) {
                double v = weighted(e.getValue(), s.weight());
                union.merge(e.getKey(), v, (old, add) -> aggregate(old, add, how));
            }
        }
        union.forEach(out::put);
        return out;
    }

    /** The aggregated score of member (scoring score in the first, smallest source), or null if one lacks it. */
    private static Double interScore(List<Source> bySize, Key member, double score, Aggregate how) {
        double total = weighted(score, bySize.get(0).weight());
        for (int j = 1; j < bySize.size(); j++) {
            Source s = bySize.get(j);
            Double v = s.value() == bySize.get(0).value() ? Double.valueOf(score) : s.score(member);
            if (v == null) {
                return null;
            }
            total = aggregate(total, v * s.weight(), how);
        }
        return total;
    }

    /** ZINTERCARD: members in every source, counting no further than limit (0: no limit). */
    static long intersectionCardinality(List<Source> sources, long limit) {
        List<Source> bySize = new ArrayList<>(sources);
        bySize.sort(Comparator.comparingInt(Source::size));
        long count = 0;
        if (bySize.get(0).size() == 0) {
            return 0;
        }
        for (Map.Entry<Key, Double> e : bySize.get(0).entries().entrySet()) {
            if (interScore(bySize, e.getKey(), e.getValue(), Aggregate.SUM) != null) {
                count++;
                if (limit > 0 && count >= limit) {
                    break;
                }
            }
        }
        return count;
    }

    private static void reply(Reply r, ZSetValue result, boolean withScores) {
        ScoredReply.entries(r, result, withScores);
    }
}
