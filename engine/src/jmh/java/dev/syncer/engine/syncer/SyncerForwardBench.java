package dev.syncer.engine.syncer;

import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A syncer's forward path without sockets: one source delta ({@code CRDT.APPLY} of the followed
 * cluster, 100-byte effect) recognised, queued into the local sink and, once its read's 16 deltas
 * are in, written with one flush and answered with +OK, as a busy stream does it.
 */
@State(Scope.Thread)
public class SyncerForwardBench {

    private static final int PER_READ = 16;

    private EmbeddedChannel local;
    private LocalSink sink;
    private SourceStream stream;
    private byte[][] delta;
    private ByteBuf deltaBytes;
    private long offset;
    private int inRead;
    private long applied;

    @Setup(Level.Trial)
    public void setUp() {
        local = new EmbeddedChannel();
        sink = new LocalSink(local);
        EmbeddedChannel source = new EmbeddedChannel();
        stream = new SourceStream(new SourceStream.Owner() {
            @Override
            public boolean current(long attempt) {
                return true;
            }

            @Override
            public void ingress(int bytes) {
            }

            @Override
            public void sendAck(long offset) {
            }

            @Override
            public void refused(String error) {
                throw new IllegalStateException(error);
            }

            @Override
            public void applied(long lagMillis) {
                applied++;
            }

            @Override
            public Channel source() {
                return source;
            }

            @Override
            public LocalSink sink() {
                return sink;
            }
        }, 1, "east", "shop:east->west", 0);
        delta = RespEncoding.argv("CRDT.APPLY", "east", Long.toString(1_700_000_000_000L << 16), "x".repeat(100));
        deltaBytes = Unpooled.directBuffer();
        RespEncoding.write(deltaBytes, delta);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        deltaBytes.release();
        local.finishAndReleaseAll();
    }

    @Benchmark
    public long forward() {
        stream.apply(delta, offset);
        stream.applied(deltaBytes.readableBytes());
        offset += deltaBytes.readableBytes();
        if (++inRead == PER_READ) {
            inRead = 0;
            sink.flush();
            for (Object out; (out = local.readOutbound()) != null; ) {
                ((ByteBuf) out).release();
            }
            for (int i = 0; i < PER_READ; i++) {
                sink.replied("OK");
            }
        }
        return applied;
    }
}
