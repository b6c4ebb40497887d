package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Glob;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who listens to what, as Redis 7.0's pubsub.c: channels, patterns and shard channels with their
 * subscribers in subscription order, each client's own subscriptions (a client with any is in
 * subscribed mode), and delivery of published messages to the subscribers' connections.
 */
public final class PubSub {

    /** The plain (SUBSCRIBE) or shard (SSUBSCRIBE) channel space. */
    enum Space { PLAIN, SHARD }

    private final Shard shard;
    private final Map<Key, List<ClientSession>> channels = new LinkedHashMap<>();
    private final Map<Key, List<ClientSession>> shardChannels = new LinkedHashMap<>();
    private final Map<Key, List<ClientSession>> patterns = new LinkedHashMap<>();
    private final Map<Key, Glob> compiled = new LinkedHashMap<>();
    private final Map<ClientSession, Subscriptions> bySession = new LinkedHashMap<>();

    /** One client's subscriptions, in the order made. */
    static final class Subscriptions {
        final Set<Key> channels = new LinkedHashSet<>();
        final Set<Key> shardChannels = new LinkedHashSet<>();
        final Set<Key> patterns = new LinkedHashSet<>();

        /** Redis's clientSubscriptionsCount (channels and patterns) or clientShardSubscriptionsCount. */
        int count(Space space) {
            return space == Space.SHARD ? shardChannels.size() : channels.size() + patterns.size();
        }
    }

    PubSub(Shard shard) {
        this.shard = shard;
    }

    /** Whether the client has any subscription (Redis's CLIENT_PUBSUB). */
    public boolean subscribed(ClientSession session) {
        return bySession.containsKey(session);
    }

    /**
     * Calls {@code each} with every channel (false) and pattern (true) the client subscribes to,
     * shard channels included: what the ACL re-checks when a user's channel rules shrink.
     */
    public void forEachSubscription(ClientSession session, java.util.function.BiConsumer<byte[], Boolean> each) {
        Subscriptions s = bySession.get(session);
        if (s != null) {
            s.channels.forEach(k -> each.accept(k.bytes(), false));
            s.shardChannels.forEach(k -> each.accept(k.bytes(), false));
            s.patterns.forEach(k -> each.accept(k.bytes(), true));
        }
    }

    /** CLIENT LIST's sub, psub and ssub: the client's channels, patterns and shard channels. */
    public int[] counts(ClientSession session) {
        Subscriptions s = bySession.get(session);
        return s == null ? new int[3] : new int[] {s.channels.size(), s.patterns.size(), s.shardChannels.size()};
    }

    Subscriptions of(ClientSession session) {
        session.pubsub(true);
        return bySession.computeIfAbsent(session, s -> new Subscriptions());
    }

    /** Drops the client's bookkeeping once it has no subscription left. */
    void settle(ClientSession session) {
        Subscriptions s = bySession.get(session);
        if (s != null && s.count(Space.PLAIN) + s.count(Space.SHARD) == 0) {
            bySession.remove(session);
            session.pubsub(false);
        }
    }

    private Map<Key, List<ClientSession>> space(Space space) {
        return space == Space.SHARD ? shardChannels : channels;
    }

    /** True if newly subscribed. */
    boolean subscribe(ClientSession session, Key channel, Space space) {
        Subscriptions s = of(session);
        if (!(space == Space.SHARD ? s.shardChannels : s.channels).add(channel)) {
            return false;
        }
        space(space).computeIfAbsent(channel, k -> new ArrayList<>()).add(session);
        return true;
    }

    boolean unsubscribe(ClientSession session, Key channel, Space space) {
        Subscriptions s = bySession.get(session);
        if (s == null || !(space == Space.SHARD ? s.shardChannels : s.channels).remove(channel)) {
            return false;
        }
        remove(space(space), channel, session);
        return true;
    }

    boolean psubscribe(ClientSession session, Key pattern) {
        if (!of(session).patterns.add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, k -> {
            compiled.put(k, Glob.compile(k.bytes(), false));
            return new ArrayList<>();
        }).add(session);
        return true;
    }

    boolean punsubscribe(ClientSession session, Key pattern) {
        Subscriptions s = bySession.get(session);
        if (s == null || !s.patterns.remove(pattern)) {
            return false;
        }
        if (remove(patterns, pattern, session)) {
            compiled.remove(pattern);
        }
        return true;
    }

    private static boolean remove(Map<Key, List<ClientSession>> index, Key name, ClientSession session) {
        List<ClientSession> list = index.get(name);
        list.remove(session);
        if (list.isEmpty()) {
            index.remove(name);
            return true;
        }
        return false;
    }

    /** A disconnected client's subscriptions end. */
    public void forget(ClientSession session) {
        Subscriptions s = bySession.remove(session);
        session.pubsub(false);
        if (s == null) {
            return;
        }
        s.channels.forEach(c -> remove(channels, c, session));
        s.shardChannels.forEach(c -> remove(shardChannels, c, session));
        s.patterns.forEach(p -> {
            if (remove(patterns, p, session)) {
                compiled.remove(p);
            }
        });
    }

    /** Redis's pubsubPublishMessage: delivers to the channel's subscribers, then to matching patterns'; the receivers. */
    int publish(Key channel, byte[] message, Space space) {
        int receivers = 0;
        List<ClientSession> direct = space(space).get(channel);
        if (direct != null) {
            Message push = new Message(space == Space.SHARD ? "smessage" : "message", null, channel, message);
            for (ClientSession s : direct) {
                deliver(s, push);
                receivers++;
            }
        }
        if (space == Space.SHARD) {
            return receivers; // shard channels ignore patterns
        }
        for (Map.Entry<Key, List<ClientSession>> e : patterns.entrySet()) {
            if (!compiled.get(e.getKey()).matches(channel.bytes())) {
                continue;
            }
            Message push = new Message("pmessage", e.getKey(), channel, message);
            for (ClientSession s : e.getValue()) {
                deliver(s, push);
                receivers++;
            }
        }
        return receivers;
    }

    private void deliver(ClientSession session, Message message) {
        Channel ch = session.channel();
        if (ch != null && ch.isActive()) {
            byte[] push = message.encoded(session.protocol());
            ByteBuf out = Unpooled.wrappedBuffer(push);
            shard.stats().netOutputBytes += push.length;
            ch.writeAndFlush(out, ch.voidPromise());
            shard.enforceOutputLimit(session); // a subscriber that does not read is cut off, as Redis
        }
    }

    /** Active channels (with at least one subscriber) matching pattern, or all when pattern is null. */
    List<byte[]> activeChannels(byte[] pattern, Space space) {
        Glob p = pattern == null ? null : Glob.compile(pattern, false);
        List<byte[]> out = new ArrayList<>();
        for (Key k : space(space).keySet()) {
            if (p == null || p.matches(k.bytes())) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    int subscribers(Key channel, Space space) {
        List<ClientSession> list = space(space).get(channel);
        return list == null ? 0 : list.size();
    }

    int patternCount() {
        return patterns.size();
    }

    /** A message encoded once for each protocol its receivers speak. */
    private static final class Message {
        private final String kind;
        private final Key pattern;
        private final Key channel;
        private final byte[] payload;
        private final byte[][] encoded = new byte[2][];

        Message(String kind, Key pattern, Key channel, byte[] payload) {
            this.kind = kind;
            this.pattern = pattern;
            this.channel = channel;
            this.payload = payload;
        }

        byte[] encoded(int protocol) {
            int i = protocol >= 3 ? 1 : 0;
            if (encoded[i] == null) {
                encoded[i] = message(kind, pattern, channel, payload, protocol);
            }
            return encoded[i];
        }
    }

    /**
     * A message or pmessage as addReplyPubsubMessage / addReplyPubsubPatMessage write it: an
     * array in RESP2, a push in RESP3.
     */
    private static byte[] message(String kind, Key pattern, Key channel, byte[] payload, int protocol) {
        ByteBuf out = Unpooled.buffer(32 + channel.length() + payload.length);
        try {
            dev.syncer.engine.resp.Reply r = new dev.syncer.engine.resp.Reply(out, protocol);
            r.pushHeader(pattern == null ? 3 : 4);
            r.bulk(kind.getBytes(StandardCharsets.US_ASCII));
            if (pattern != null) {
                r.bulk(pattern.bytes());
            }
            r.bulk(channel.bytes());
            r.bulk(payload);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }
}
