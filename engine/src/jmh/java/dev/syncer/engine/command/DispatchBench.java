package dev.syncer.engine.command;

import dev.syncer.engine.Shards;
import dev.syncer.engine.UnstartedShard;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Dispatcher;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Command dispatch as a client's request meets it after decoding: lookup, checks, the command on
 * a keyspace of 100,000 keys, the reply written. The shard is built but not started (no sockets),
 * so the benchmark thread is its only thread, as the loop would be. With {@code backlog} a replica
 * is attached in all but the socket: every SET is also propagated into the backlog.
 */
@State(Scope.Thread)
public class DispatchBench {

    private static final int KEYS = 100_000;

    @Param({"false", "true"})
    public boolean backlog;

    private Shard shard;
    private Dispatcher dispatcher;
    private ClientSession session;
    private ByteBuf out;
    private Reply reply;
    private byte[][][] sets;
    private byte[][][] gets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Shards.Assembled assembled = UnstartedShard.assemble();
        shard = assembled.shard();
        if (backlog) {
            assembled.replication().stream().createBacklog(1024 * 1024);
        }
        dispatcher = shard.dispatcher();
        session = shard.internalClient(ClientSession.Kind.NORMAL);
        out = Unpooled.directBuffer(4096);
        reply = new Reply(out);
        String value = "x".repeat(100);
        sets = new byte[KEYS][][];
        gets = new byte[KEYS][][];
        for (int i = 0; i < KEYS; i++) {
            String key = "key:" + (1_000_000 + i);
            sets[i] = RespEncoding.argv("SET", key, value);
            gets[i] = RespEncoding.argv("GET", key);
            dispatcher.execute(session, sets[i], reply);
            out.clear();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        shard.crash();
    }

    @Benchmark
    public int set() {
        out.clear();
        dispatcher.execute(session, sets[next++ % KEYS], reply);
        return out.writerIndex();
    }

    @Benchmark
    public int get() {
        out.clear();
        dispatcher.execute(session, gets[next++ % KEYS], reply);
        return out.writerIndex();
    }
}
