package dev.syncer.engine.replication.replica;

import dev.syncer.engine.Shards;
import dev.syncer.engine.UnstartedShard;
import dev.syncer.engine.replication.roles.Replication;
import dev.syncer.engine.resp.RespDecoder;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A replica applying its primary's stream without a socket: one read of 16 SETs (100-byte values,
 * keys as redis-benchmark -r 100000 writes them, on a keyspace of 100,000 keys) through the link's
 * handlers (the tap, the RESP decoder, the applier: dispatch as the MASTER client, the offset, the
 * relay into the replica's own backlog). The shard is built but not started, so the benchmark
 * thread is its only thread, as the loop would be. A launched shard runs with
 * {@code --sun-misc-unsafe-memory-access=allow}: give it with {@code -jvmArgsAppend} to measure as
 * launched (without it Netty copies the relayed bytes through NIO duplicates).
 */
@State(Scope.Thread)
public class ReplicaApplyBench {

    private static final int KEYS = 100_000;
    private static final int READS = KEYS / 16;

    private Shard shard;
    private EmbeddedChannel channel;
    private ByteBuf[] reads;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Shards.Assembled assembled = UnstartedShard.assemble();
        shard = assembled.shard();
        Replication repl = assembled.replication();
        repl.stream().createBacklog(1024 * 1024); // a replica relays what it applies into its own backlog
        String value = "x".repeat(100);
        reads = new ByteBuf[READS];
        for (int r = 0; r < READS; r++) {
            ByteBuf read = Unpooled.directBuffer(16 * 160);
            for (int i = 0; i < 16; i++) {
                RespEncoding.write(read, RespEncoding.argv("SET",
                        String.format("key:%012d", (r * 16 + i) * 7919 % KEYS), value));
            }
            reads[r] = read;
        }
        channel = new EmbeddedChannel();
        PrimaryClient primary = new PrimaryClient(repl, channel, 0, 0, false);
        StreamApplier stream = primary.applier();
        channel.pipeline().addLast(stream.tap(), RespDecoder.trusting(), stream.applier());
        for (int r = 0; r < READS; r++) {
            read(); // every key written once: the SETs that follow replace values
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        shard.crash();
        for (ByteBuf read : reads) {
            read.release();
        }
    }

    @Benchmark
    public long read16() {
        return read();
    }

    private long read() {
        ByteBuf read = reads[next++ % READS];
        channel.writeInbound(read.retainedDuplicate()); // the handlers release what they took
        return shard.stats().commandsProcessed;
    }
}
