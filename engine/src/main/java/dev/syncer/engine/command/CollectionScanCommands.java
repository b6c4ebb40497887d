package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Doubles;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * SSCAN, HSCAN and ZSCAN, as Redis 7.0's scanGenericCommand. A collection Redis would hold in a
 * compact encoding (intset, listpack) under the default thresholds is returned whole with cursor 0,
 * as Redis does (an intset in numeric order, a small sorted set in score order); a larger one is
 * walked with {@link MemberScan}'s cursor. MATCH filters members (hash fields), never values.
 */
final class CollectionScanCommands {

    /** Redis 7.0's defaults: set-max-intset-entries, hash-max-listpack-*, zset-max-listpack-*. */
    static final int SET_MAX_INTSET_ENTRIES = 512;
    static final int HASH_MAX_LISTPACK_ENTRIES = 512;
    static final int ZSET_MAX_LISTPACK_ENTRIES = 128;
    static final int MAX_LISTPACK_VALUE = 64;

    private CollectionScanCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("sscan", -3, 1, 1, 1, ctx -> scan(ctx, SetValue.class), READONLY));
        t.add(CommandSpec.of("hscan", -3, 1, 1, 1, ctx -> scan(ctx, HashValue.class), READONLY));
        t.add(CommandSpec.of("zscan", -3, 1, 1, 1, ctx -> scan(ctx, ZSetValue.class), READONLY));
    }

    /** A member and, for hashes and sorted sets, the value replied after it. */
    private record Item(Key member, byte[] value) {
    }

    // Format: SSCAN | HSCAN | ZSCAN key cursor [MATCH pattern] [COUNT count]
    //   -> [$next-cursor, [member, ...]] (HSCAN: field, value, ...; ZSCAN: member, score, ...)
    private static void scan(CommandContext ctx, Class<? extends RedisValue> type) {
        Args a = ctx.args();
        long cursor = KeyCommands.parseCursor(a.bytes(2));
        RedisValue value = ctx.read(a.key(1), type);
        if (value == null) {
            reply(ctx.reply(), 0, List.of());
            return;
        }
        long count = 10;
        Glob match = null;
        for (int i = 3; i < a.count(); i += 2) {
            if (a.is(i, "COUNT") && i + 1 < a.count()) {
                count = a.longValue(i + 1);
                if (count < 1) {
                    throw CommandError.syntax();
                }
            } else if (a.is(i, "MATCH") && i + 1 < a.count()) {
                byte[] p = a.bytes(i + 1);
                match = p.length == 1 && p[0] == '*' ? null : Glob.compile(p, false);
            } else {
                throw CommandError.syntax();
            }
        }
        boolean compact = compact(value);
        List<Item> items = items(value, compact);
        MemberScan.Page<Item> page = compact
                ? new MemberScan.Page<>(value instanceof ZSetValue ? items : ordered(value, items), 0)
                : MemberScan.page(items, Item::member, cursor, count);
        List<Item> found = new ArrayList<>(page.members().size());
        for (Item item : page.members()) {
            if (match == null || match.matches(item.member().bytes())) {
                found.add(item);
            }
        }
        reply(ctx.reply(), page.cursor(), found);
    }

    private static List<Item> items(RedisValue value, boolean compact) {
        List<Item> items = new ArrayList<>();
        switch (value) {
            case SetValue s -> s.members().forEach(m -> items.add(new Item(m, null)));
            case HashValue h -> {
                for (Map.Entry<Key, byte[]> e : h.fields().entrySet()) {
                    items.add(new Item(e.getKey(), e.getValue()));
                }
            }
            case ZSetValue z -> {
                z.forEach((member, s) -> {
                    String score = compact ? listpackScore(s) : Doubles.format(s);
                    items.add(new Item(member, score.getBytes(StandardCharsets.US_ASCII)));
                });
            }
            default -> throw new IllegalArgumentException(value.type().typeName());
        }
        return items;
    }

    /**
     * A score as a listpack holds it (Redis's d2string): an integral score within half the long
     * range as an integer, anything else as "%.17g".
     */
    static String listpackScore(double score) {
        double limit = (double) (Long.MAX_VALUE / 2);
        if (score != 0 && score >= -limit && score <= limit && score == Math.rint(score)) {
            return Long.toString((long) score);
        }
        return Doubles.format(score);
    }

    /** Whether Redis would hold this value in a compact encoding, which it scans in one call. */
    static boolean compact(RedisValue value) {
        return switch (value) {
            case SetValue s -> s.size() <= SET_MAX_INTSET_ENTRIES
                    && s.members().stream().allMatch(m -> Numbers.parseLong(m.bytes()) != null);
            case HashValue h -> h.size() <= HASH_MAX_LISTPACK_ENTRIES
                    && h.fields().entrySet().stream().allMatch(e -> e.getKey().length() <= MAX_LISTPACK_VALUE
                    && e.getValue().length <= MAX_LISTPACK_VALUE);
            case ZSetValue z -> z.size() <= ZSET_MAX_LISTPACK_ENTRIES
                    && !z.anyLongerThan(MAX_LISTPACK_VALUE);
            default -> false;
        };
    }

    /** An intset's members are in numeric order; a small hash keeps the order it has. */
    private static List<Item> ordered(RedisValue value, List<Item> items) {
        if (value instanceof SetValue) {
            items.sort(Comparator.comparingLong(i -> Numbers.parseLong(i.member().bytes())));
        }
        return items;
    }

    private static void reply(Reply r, long cursor, List<Item> items) {
        int perItem = items.isEmpty() || items.get(0).value() == null ? 1 : 2;
        r.arrayHeader(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.arrayHeader(items.size() * perItem);
        for (Item item : items) {
            r.bulk(item.member().bytes());
            if (item.value() != null) {
                r.bulk(item.value());
            }
        }
    }
}
