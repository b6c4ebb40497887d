package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.ReplicationStream;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.OutputBufferLimit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The primary's stream to its replicas without real sockets: one loop turn of 16 propagated SETs
 * (100-byte values) fed to the backlog and written to `replicas` online replicas, flushed once,
 * and what each socket was handed taken away.
 */
@State(Scope.Thread)
public class ReplicaWriteBench {

    @Param({"1", "4"})
    public int replicas;

    private ReplicationStream stream;
    private EmbeddedChannel[] channels;
    private byte[][] argv;

    @Setup(Level.Trial)
    public void setUp() {
        argv = RespEncoding.argv("SET", "key:123456", "x".repeat(100));
        stream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        stream.createBacklog(1024 * 1024);
        ReplicaSet set = new ReplicaSet(() -> 0, () -> new OutputBufferLimit(0, 0, 0), link -> { });
        stream.sink(set);
        channels = new EmbeddedChannel[replicas];
        for (int i = 0; i < replicas; i++) {
            channels[i] = new EmbeddedChannel();
            ReplicaLink link = set.linkFor(new ClientSession(i + 1, channels[i], true, 0));
            set.attach(link);
            link.state(ReplicaLink.State.ONLINE);
            link.startStream();
        }
    }

    @Benchmark
    public long turnOf16() {
        for (int i = 0; i < 16; i++) {
            stream.propagate(0, argv);
        }
        channels[0].runPendingTasks(); // the set's once-per-turn write and flush
        long sent = 0;
        for (EmbeddedChannel ch : channels) {
            for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                sent += b.readableBytes();
                b.release();
            }
        }
        return sent;
    }

    @TearDown
    public void tearDown() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }
}
