package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandContext;
import dev.syncer.engine.command.CommandError;
import dev.syncer.engine.command.CommandSpec;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.activeactive.crdt.ElementKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.syncer.engine.command.CommandFlag.DENYOOM;
import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.WRITE;

/**
 * Set writes in an Active-Active database: an observed-remove set where adds win — SREM, SPOP and
 * SMOVE remove only the adds they observed, so a member added concurrently stays. Replies and
 * errors are Redis 7.0's (t_set.c).
 */
final class SetWrites {

    private static final ElementKind SET = ElementKind.SET;

    private SetWrites() {
    }

    static List<CommandSpec> specs(ActiveActive aa) {
        return List.of(
                CommandSpec.of("sadd", -3, 1, 1, 1, ctx -> sadd(aa, ctx), WRITE, DENYOOM, FAST),
                CommandSpec.of("srem", -3, 1, 1, 1, ctx -> srem(aa, ctx), WRITE, FAST),
                CommandSpec.of("spop", -2, 1, 1, 1, ctx -> spop(aa, ctx), WRITE, FAST),
                CommandSpec.of("smove", 4, 1, 2, 1, ctx -> smove(aa, ctx), WRITE, FAST));
    }

    private static void sadd(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        SetValue set = e.value(key, SetValue.class);
        if (set == null) {
            e.created(key);
        }
        Set<Key> added = new HashSet<>();
        for (int i = 2; i < ctx.args().count(); i++) {
            Key member = ctx.args().key(i);
            if (set == null || !set.members().contains(member)) {
                added.add(member);
            }
            e.addMember(key, member); // re-adding a present member still wins over a concurrent removal
        }
        e.commit();
        ctx.reply().integer(added.size());
    }

    private static void srem(ActiveActive aa, CommandContext ctx) {
        Effect.removeNamed(aa, ctx, SetValue.class, SET, (s, m) -> s.members().contains(m), SetValue::size);
    }

    /** SPOP key [count]: the random pick happens here; what travels is the removal of the members picked. */
    private static void spop(ActiveActive aa, CommandContext ctx) {
        if (ctx.args().count() > 3) {
            throw CommandError.syntax();
        }
        boolean withCount = ctx.args().count() == 3;
        long count = 1;
        if (withCount) {
            count = ctx.args().positiveLong(2);
        }
        Effect e = new Effect(aa, ctx);
        Key key = ctx.args().key(1);
        SetValue set = e.value(key, SetValue.class);
        if (set == null) {
            if (withCount) {
                ctx.reply().arrayHeader(0);
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        List<Key> members = new ArrayList<>(set.members());
        List<Key> popped;
        if (count >= members.size()) {
            popped = members;
        } else {
            Collections.shuffle(members, ThreadLocalRandom.current());
            popped = new ArrayList<>(members.subList(0, (int) count));
        }
        boolean empties = popped.size() == set.size();
        e.removeElements(key, SET, popped, empties);
        e.commit();
        if (withCount) {
            ctx.reply().arrayHeader(popped.size());
            for (Key m : popped) {
                ctx.reply().bulk(m.bytes());
            }
        } else {
            ctx.reply().bulk(popped.get(0).bytes());
        }
    }

    private static void smove(ActiveActive aa, CommandContext ctx) {
        Effect e = new Effect(aa, ctx);
        Key source = ctx.args().key(1);
        Key destination = ctx.args().key(2);
        Key member = ctx.args().key(3);
        var src = e.value(source);
        var dst = e.value(destination);
        if (src == null) {
            ctx.reply().integer(0);
            return;
        }
        if (!(src instanceof SetValue from) || (dst != null && !(dst instanceof SetValue))) {
            throw new CommandError(CommandError.WRONGTYPE);
        }
        if (source.equals(destination)) {
            ctx.reply().integer(from.members().contains(member) ? 1 : 0);
            return;
        }
        if (!from.members().contains(member)) {
            ctx.reply().integer(0);
            return;
        }
        e.removeElements(source, SET, List.of(member), from.size() == 1);
        if (dst == null) {
            e.created(destination);
        }
        e.addMember(destination, member);
        e.commit();
        ctx.reply().integer(1);
    }
}
