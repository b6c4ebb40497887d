package dev.syncer.engine.activeactive;

import dev.syncer.engine.command.CommandDispatcher;
import dev.syncer.engine.Shards;
import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Shard;
import dev.syncer.engine.activeactive.crdt.Visible;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shard of a simulated Active-Active deployment, in-process and without sockets: commands run
 * through its dispatcher on its loop, and everything it propagates is captured, to be delivered
 * to the other shards (as the local syncer writes remote deltas) or to a replica (as its master
 * link applies them).
 */
final class AaNode implements AutoCloseable {

    /** A command the shard propagated, with the database it applies to. */
    record Propagated(int db, byte[][] argv) {
        String origin() {
            return ActiveActive.originOf(argv);
        }
    }

    final Shard shard;
    final ActiveActive aa;
    private final List<Propagated> feed = new ArrayList<>(); // the shard's stream; loop thread only
    private int syncersRead;
    private int replicaRead;
    private final ClientSession client;
    private final ClientSession writer;

    private AaNode(Shard shard, ActiveActive aa, ClientSession.Kind writerKind) {
        this.shard = shard;
        this.aa = aa;
        this.client = shard.call(() -> shard.internalClient(ClientSession.Kind.NORMAL));
        this.writer = shard.call(() -> shard.internalClient(writerKind));
        shard.setFeed((db, argv) -> feed.add(new Propagated(db, argv)));
    }

    /** A primary of cluster {@code origin} ("" for a plain shard). */
    static AaNode primary(String origin, Clock clock) {
        return create(origin, clock, ClientSession.Kind.NORMAL);
    }


    /** A replica: it applies what it is given as its master link would, and never expires keys itself. */
    static AaNode replica(String origin, Clock clock) {
        AaNode node = create(origin, clock, ClientSession.Kind.MASTER);
        node.shard.call(() -> {
            node.shard.setReadOnlyReplica(true);
            node.shard.keyspace().setReplica(true);
            return null;
        });
        return node;
    }

    private static AaNode create(String origin, Clock clock, ClientSession.Kind writerKind) {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial(ActiveActive.ORIGIN_CONFIG, origin);
        CommandDispatcher commands = CommandDispatcher.standard();
        Shard shard = new Shard(config, clock, commands);
        dev.syncer.engine.scripting.Scripting.attach(shard, commands); // before Active-Active, as Shards assembles it
        ActiveActive aa = ActiveActive.attach(shard, commands);
        return new AaNode(shard, aa, writerKind);
    }

    String origin() {
        return aa.origin();
    }

    /** Runs a client command; the reply as {@link RespReplyParser} values (byte[] shown as String). */
    Object call(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return run(client, 0, argv);
    }

    /** Runs a client command given as raw arguments. */
    Object callRaw(byte[]... argv) {
        return run(client, 0, argv);
    }

    /** Applies a command another shard propagated, as the syncer (or the master link) would. */
    Object deliver(Propagated p) {
        return run(writer, p.db(), p.argv());
    }

    private Object run(ClientSession session, int db, byte[][] argv) {
        return shard.call(() -> {
            if (session == writer) {
                session.select(db);
            }
            ByteBuf out = Unpooled.buffer();
            shard.dispatcher().execute(session, argv, new Reply(out));
            List<Object> replies = new ArrayList<>();
            while (out.isReadable()) {
                replies.add(text(RespReplyParser.parse(out)));
            }
            out.release();
            return replies.size() == 1 ? replies.get(0) : replies;
        });
    }

    private static Object text(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(r -> out.add(text(r)));
            return out;
        }
        return reply;
    }

    /** What the shard propagated since the last call, for the syncers reading its stream. */
    List<Propagated> drain() {
        return shard.call(() -> {
            List<Propagated> out = new ArrayList<>(feed.subList(syncersRead, feed.size()));
            syncersRead = feed.size();
            return out;
        });
    }

    /** What the shard propagated since the last call, for its replica. */
    List<Propagated> drainForReplica() {
        return shard.call(() -> {
            List<Propagated> out = new ArrayList<>(feed.subList(replicaRead, feed.size()));
            replicaRead = feed.size();
            return out;
        });
    }

    /** Deletes every key whose TTL has passed (as lazy expiry would on access). */
    void expireDueKeys() {
        shard.call(() -> {
            for (int db = 0; db < shard.keyspace().databaseCount(); db++) {
                shard.keyspace().db(db).keys();
            }
            return null;
        });
    }

    /** What clients read (type, content, TTL of every key), as canonical text. */
    String dataset() {
        return shard.call(() -> {
            StringBuilder sb = new StringBuilder();
            for (int db = 0; db < shard.keyspace().databaseCount(); db++) {
                Database d = shard.keyspace().db(db);
                TreeMap<Key, String> keys = new TreeMap<>();
                for (Key k : d.keys()) {
                    keys.put(k, Visible.describe(d.get(k), d.expireAt(k)));
                }
                int n = db;
                keys.forEach((k, v) -> sb.append(n).append(' ').append(k).append(" = ").append(v).append('\n'));
            }
            return sb.toString();
        });
    }

    /** The CRDT states of every key, live and deleted, hex-encoded (canonical). */
    String states() {
        return shard.call(() -> {
            StringBuilder sb = new StringBuilder();
            for (int db = 0; db < shard.keyspace().databaseCount(); db++) {
                TreeMap<Key, String> states = new TreeMap<>();
                Database d = shard.keyspace().db(db);
                d.forEach((k, v, at) -> states.put(k, stateOf(v)));
                for (Map.Entry<Key, byte[]> t : aa.encodeTombstones(db).entrySet()) {
                    states.put(t.getKey(), "tombstone " + HexFormat.of().formatHex(t.getValue()));
                }
                int n = db;
                states.forEach((k, s) -> sb.append(n).append(' ').append(k).append(" : ").append(s).append('\n'));
            }
            return sb.toString();
        });
    }

    private static String stateOf(RedisValue v) {
        byte[] s = ActiveActive.encodeState(v);
        return s == null ? "plain" : "live " + HexFormat.of().formatHex(s);
    }

    String info() {
        return (String) text(call("INFO", "activeactive"));
    }


    @Override
    public void close() {
        shard.close();
    }
}
