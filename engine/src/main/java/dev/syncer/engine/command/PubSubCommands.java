package dev.syncer.engine.command;

import dev.syncer.engine.command.PubSub.Space;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.server.ClientSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.syncer.engine.command.CommandFlag.FAST;
import static dev.syncer.engine.command.CommandFlag.MAY_REPLICATE;
import static dev.syncer.engine.command.CommandFlag.STALE;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH and
 * PUBSUB, as Redis 7.0's pubsub.c. PUBLISH reaches replicas (forceCommandPropagation), so a
 * replica's subscribers hear its primary's messages; while subscribed, a RESP2 client may run only
 * the subscription commands, PING, QUIT and RESET (processCommand's check, a dispatcher gate here).
 */
final class PubSubCommands {

    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("ping", "subscribe", "ssubscribe",
            "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    private PubSubCommands() {
    }

    private static final java.util.Set<String> SUBSCRIPTIONS = java.util.Set.of("subscribe", "psubscribe",
            "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe");

    /** (Un)subscribe confirmations are pushes: CLIENT REPLY OFF does not silence them (CLIENT_PUSHING). */
    static boolean repliesArePushes(byte[] command) {
        return SUBSCRIPTIONS.contains(new String(command, java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT));
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("subscribe", -2, 0, 0, 0, ctx -> subscribe(ctx, Space.PLAIN), STALE));
        t.add(CommandSpec.of("ssubscribe", -2, 1, -1, 1, ctx -> subscribe(ctx, Space.SHARD), STALE));
        t.add(CommandSpec.of("unsubscribe", -1, 0, 0, 0, ctx -> unsubscribe(ctx, Space.PLAIN), STALE));
        t.add(CommandSpec.of("sunsubscribe", -1, 1, -1, 1, ctx -> unsubscribe(ctx, Space.SHARD), STALE));
        t.add(CommandSpec.of("psubscribe", -2, 0, 0, 0, PubSubCommands::psubscribe, STALE));
        t.add(CommandSpec.of("punsubscribe", -1, 0, 0, 0, PubSubCommands::punsubscribe, STALE));
        t.add(CommandSpec.of("publish", 3, 0, 0, 0, ctx -> publish(ctx, Space.PLAIN), FAST, STALE, MAY_REPLICATE));
        t.add(CommandSpec.of("spublish", 3, 1, 1, 1, ctx -> publish(ctx, Space.SHARD), FAST, STALE, MAY_REPLICATE));
        t.add(CommandSpec.of("pubsub", -2, 0, 0, 0, PubSubCommands::pubsub, STALE));
    }

    /** The dispatcher gate for RESP2's subscribed mode (RESP3 has none); null lets the command run. */
    static String subscribedModeCheck(PubSub pubSub, CommandSpec spec, ClientSession session) {
        if (session.protocol() >= 3 || !pubSub.subscribed(session) || ALLOWED_WHILE_SUBSCRIBED.contains(spec.name())) {
            return null;
        }
        return "ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                + " are allowed in this context";
    }

    private static PubSub pubSub(CommandContext ctx) {
        return ctx.dispatcher().pubSub();
    }

    /** addReplyPubsubSubscribed / Unsubscribed: [kind, channel or nil, count], a push in RESP3. */
    private static void confirm(Reply r, String kind, Key name, int count) {
        r.pushHeader(3);
        r.bulk(kind);
        if (name == null) {
            r.nullBulk();
        } else {
            r.bulk(name.bytes());
        }
        r.integer(count);
    }

    /** Redis refuses subscriptions on clients that expect one reply per command (the primary's link). */
    private static void refuseDenyBlocking(CommandContext ctx, String name) {
        if (ctx.session().kind() == ClientSession.Kind.MASTER || ctx.session().channel() == null) {
            throw new CommandError("ERR " + name + " isn't allowed for a DENY BLOCKING client");
        }
    }

    // Format: SUBSCRIBE|SSUBSCRIBE channel [channel ...] -> per channel [subscribe, $channel, :count]
    private static void subscribe(CommandContext ctx, Space space) {
        refuseDenyBlocking(ctx, space == Space.SHARD ? "SSUBSCRIBE" : "SUBSCRIBE");
        PubSub ps = pubSub(ctx);
        ClientSession s = ctx.session();
        for (int i = 1; i < ctx.args().count(); i++) {
            Key channel = ctx.args().key(i);
            ps.subscribe(s, channel, space);
            confirm(ctx.reply(), space == Space.SHARD ? "ssubscribe" : "subscribe", channel, ps.of(s).count(space));
        }
    }

    // Format: UNSUBSCRIBE|SUNSUBSCRIBE [channel ...] -> per channel [unsubscribe, $channel, :count]
    private static void unsubscribe(CommandContext ctx, Space space) {
        PubSub ps = pubSub(ctx);
        ClientSession s = ctx.session();
        String kind = space == Space.SHARD ? "sunsubscribe" : "unsubscribe";
        List<Key> names = new ArrayList<>();
        if (ctx.args().count() == 1) {
            if (ps.subscribed(s)) {
                names.addAll(space == Space.SHARD ? ps.of(s).shardChannels : ps.of(s).channels);
            }
            if (names.isEmpty()) {
                confirm(ctx.reply(), kind, null, ps.subscribed(s) ? ps.of(s).count(space) : 0);
                return;
            }
        } else {
            for (int i = 1; i < ctx.args().count(); i++) {
                names.add(ctx.args().key(i));
            }
        }
        for (Key channel : names) {
            ps.unsubscribe(s, channel, space);
            confirm(ctx.reply(), kind, channel, ps.subscribed(s) ? ps.of(s).count(space) : 0);
            ps.settle(s);
        }
    }

    // Format: PSUBSCRIBE pattern [pattern ...] -> per pattern [psubscribe, $pattern, :count]
    private static void psubscribe(CommandContext ctx) {
        refuseDenyBlocking(ctx, "PSUBSCRIBE");
        PubSub ps = pubSub(ctx);
        ClientSession s = ctx.session();
        for (int i = 1; i < ctx.args().count(); i++) {
            Key pattern = ctx.args().key(i);
            ps.psubscribe(s, pattern);
            confirm(ctx.reply(), "psubscribe", pattern, ps.of(s).count(Space.PLAIN));
        }
    }

    // Format: PUNSUBSCRIBE [pattern ...] -> per pattern [punsubscribe, $pattern, :count]
    private static void punsubscribe(CommandContext ctx) {
        PubSub ps = pubSub(ctx);
        ClientSession s = ctx.session();
        List<Key> names = new ArrayList<>();
        if (ctx.args().count() == 1) {
            if (ps.subscribed(s)) {
                names.addAll(ps.of(s).patterns);
            }
            if (names.isEmpty()) {
                confirm(ctx.reply(), "punsubscribe", null, ps.subscribed(s) ? ps.of(s).count(Space.PLAIN) : 0);
                return;
            }
        } else {
            for (int i = 1; i < ctx.args().count(); i++) {
                names.add(ctx.args().key(i));
            }
        }
        for (Key pattern : names) {
            ps.punsubscribe(s, pattern);
            confirm(ctx.reply(), "punsubscribe", pattern, ps.subscribed(s) ? ps.of(s).count(Space.PLAIN) : 0);
            ps.settle(s);
        }
    }

    // Format: PUBLISH|SPUBLISH channel message -> :receivers
    private static void publish(CommandContext ctx, Space space) {
        int receivers = pubSub(ctx).publish(ctx.args().key(1), ctx.args().bytes(2), space);
        ctx.propagateAs(ctx.args().argv()); // forceCommandPropagation: replicas publish it too
        ctx.reply().integer(receivers);
    }

    // Format: PUBSUB CHANNELS [pattern] | NUMSUB [channel ...] | NUMPAT | SHARDCHANNELS [pattern] | SHARDNUMSUB [channel ...]
    private static void pubsub(CommandContext ctx) {
        Args a = ctx.args();
        PubSub ps = pubSub(ctx);
        String sub = a.option(1);
        Reply r = ctx.reply();
        switch (sub) {
            case "CHANNELS", "SHARDCHANNELS" -> {
                if (a.count() > 3) {
                    throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1)
                            + "'. Try PUBSUB HELP.");
                }
                r.bulkArray(ps.activeChannels(a.count() == 3 ? a.bytes(2) : null,
                        sub.equals("CHANNELS") ? Space.PLAIN : Space.SHARD));
            }
            case "NUMSUB", "SHARDNUMSUB" -> {
                Space space = sub.equals("NUMSUB") ? Space.PLAIN : Space.SHARD;
                r.arrayHeader((a.count() - 2) * 2);
                for (int i = 2; i < a.count(); i++) {
                    r.bulk(a.bytes(i));
                    r.integer(ps.subscribers(a.key(i), space));
                }
            }
            case "NUMPAT" -> {
                arity(a, a.count() == 2, sub);
                r.integer(ps.patternCount());
            }
            default -> throw new CommandError("ERR unknown subcommand '" + a.string(1) + "'. Try PUBSUB HELP.");
        }
    }

    private static void arity(Args a, boolean ok, String sub) {
        if (!ok) {
            throw new CommandError("ERR wrong number of arguments for 'pubsub|"
                    + sub.toLowerCase(java.util.Locale.ROOT) + "' command");
        }
    }
}
