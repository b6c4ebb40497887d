package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.MemberSet;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.READONLY;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Set commands, as Redis 7.0's t_set.c. A set that loses its last member is deleted. SPOP is never
 * propagated as such: replicas get {@code SREM key member} per popped member (wrapped in MULTI by
 * the dispatcher when several), or {@code DEL key} when it took the whole set.
 */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("sadd", -3, 1, 1, 1, SetCommands::sadd, WRITE, DENYOOM, FAST));
        t.add(CommandSpec.of("srem", -3, 1, 1, 1, SetCommands::srem, WRITE, FAST));
        t.add(CommandSpec.of("smembers", 2, 1, 1, 1, SetCommands::smembers, READONLY));
        t.add(CommandSpec.of("sismember", 3, 1, 1, 1, SetCommands::sismember, READONLY, FAST));
        t.add(CommandSpec.of("smismember", -3, 1, 1, 1, SetCommands::smismember, READONLY, FAST));
        t.add(CommandSpec.of("scard", 2, 1, 1, 1, SetCommands::scard, READONLY, FAST));
        t.add(CommandSpec.of("spop", -2, 1, 1, 1, SetCommands::spop, WRITE, FAST));
        t.add(CommandSpec.of("srandmember", -2, 1, 1, 1, SetCommands::srandmember, READONLY));
    }

    // Format: SADD key member [member ...] -> :added
    private static void sadd(CommandContext ctx) {
        Args a = ctx.args();
        Key key = a.key(1);
        SetValue set = ctx.write(key, SetValue.class);
        if (set == null) {
            set = new SetValue();
            ctx.db().put(key, set);
        }
        int added = 0;
        for (int i = 2; i < a.count(); i++) {
            if (set.members().add(a.key(i))) {
                added++;
            }
        }
        ctx.changed(added);
        if (added > 0) {
            ctx.notify(KeyspaceEvents.SET, "sadd", key);
        }
        ctx.reply().integer(added);
    }

    // Format: SREM key member [member ...] -> :removed
    private static void srem(CommandContext ctx) {
        Key key = ctx.args().key(1);
        SetValue set = ctx.write(key, SetValue.class);
        if (set == null) {
            ctx.reply().integer(0);
            return;
        }
        Members.removeNamed(ctx, key, set.members()::remove, set::size, KeyspaceEvents.SET, "srem");
    }

    // Format: SMEMBERS key -> set (an array in RESP2)
    private static void smembers(CommandContext ctx) {
        SetValue set = ctx.read(ctx.args().key(1), SetValue.class);
        Reply r = ctx.reply();
        if (set == null) {
            r.setHeader(0);
            return;
        }
        r.setHeader(set.size());
        for (Key m : set.members()) {
            r.bulk(m.bytes());
        }
    }

    // Format: SISMEMBER key member -> :1 | :0
    private static void sismember(CommandContext ctx) {
        SetValue set = ctx.read(ctx.args().key(1), SetValue.class);
        ctx.reply().integer(set != null && set.members().contains(ctx.args().key(2)) ? 1 : 0);
    }

    // Format: SMISMEMBER key member [member ...] -> array of :1 | :0
    private static void smismember(CommandContext ctx) {
        Args a = ctx.args();
        SetValue set = ctx.read(a.key(1), SetValue.class);
        ctx.reply().arrayHeader(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            ctx.reply().integer(set != null && set.members().contains(a.key(i)) ? 1 : 0);
        }
    }

    // Format: SCARD key -> :members
    private static void scard(CommandContext ctx) {
        SetValue set = ctx.read(ctx.args().key(1), SetValue.class);
        ctx.reply().integer(set == null ? 0 : set.size());
    }

    // Format: SPOP key [count] -> $member | $-1; with a count: array
    private static void spop(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() > 3) {
            throw CommandError.syntax();
        }
        boolean hasCount = a.count() == 3;
        long count = hasCount ? a.positiveLong(2) : 1;
        Key key = a.key(1);
        SetValue set = ctx.write(key, SetValue.class);
        Reply r = ctx.reply();
        if (set == null) {
            if (hasCount) {
                r.setHeader(0);
            } else {
                r.nullBulk();
            }
            return;
        }
        if (hasCount && count == 0) {
            r.setHeader(0);
            return;
        }
        int size = set.size();
        if (hasCount && count >= size) {
            r.setHeader(size);
            for (Key m : set.members()) {
                r.bulk(m.bytes());
            }
            ctx.db().remove(key);
            ctx.notify(KeyspaceEvents.SET, "spop", key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
            ctx.propagateAs(Words.DEL, key.bytes());
            ctx.changed(size);
            return;
        }
        List<Key> popped = randomDistinct(set, (int) count);
        if (hasCount) {
            r.setHeader(popped.size());
        }
        for (Key m : popped) {
            set.members().remove(m);
            r.bulk(m.bytes());
            ctx.propagateAs(Words.SREM, key.bytes(), m.bytes());
        }
        ctx.notify(KeyspaceEvents.SET, "spop", key);
        if (set.size() == 0) {
            ctx.db().remove(key);
            ctx.notify(KeyspaceEvents.GENERIC, "del", key);
        }
        ctx.changed(popped.size());
    }

    /** count distinct random members (count below the set's size). */
    private static List<Key> randomDistinct(SetValue set, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        MemberSet members = set.members();
        if (count == 1) {
            return List.of(members.get(random.nextInt(members.size())));
        }
        if (count <= set.size() / 8) {
            // a few members (SPOP, SRANDMEMBER with a small count): distinct random positions
            Set<Integer> picks = new LinkedHashSet<>();
            while (picks.size() < count) {
                picks.add(random.nextInt(members.size()));
            }
            List<Key> out = new ArrayList<>(count);
            for (int pick : picks) {
                out.add(members.get(pick));
            }
            return out;
        }
        List<Key> all = new ArrayList<>(members);
        // A partial Fisher-Yates shuffle: the first count slots end up a uniform random sample.
        for (int i = 0; i < count; i++) {
            Collections.swap(all, i, i + random.nextInt(all.size() - i));
        }
        return all.subList(0, count);
    }

    // Format: SRANDMEMBER key [count] -> $member | $-1; count > 0: distinct members, < 0: may repeat
    private static void srandmember(CommandContext ctx) {
        Args a = ctx.args();
        if (a.count() > 3) {
            throw CommandError.syntax();
        }
        Reply r = ctx.reply();
        if (a.count() == 2) {
            SetValue set = ctx.read(a.key(1), SetValue.class);
            if (set == null) {
                r.nullBulk();
            } else {
                r.bulk(randomDistinct(set, 1).get(0).bytes());
            }
            return;
        }
        long l = a.longValue(2);
        if (l == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        SetValue set = ctx.read(a.key(1), SetValue.class);
        if (set == null || l == 0) {
            r.arrayHeader(0);
            return;
        }
        if (l < 0) {
            MemberSet members = set.members();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            r.arrayHeader((int) Math.min(-l, Integer.MAX_VALUE));
            for (long i = 0; i < -l; i++) {
                r.bulk(members.get(random.nextInt(members.size())).bytes());
            }
            return;
        }
        List<Key> picked = l >= set.size() ? new ArrayList<>(set.members()) : randomDistinct(set, (int) l);
        r.arrayHeader(picked.size());
        for (Key m : picked) {
            r.bulk(m.bytes());
        }
    }
}
