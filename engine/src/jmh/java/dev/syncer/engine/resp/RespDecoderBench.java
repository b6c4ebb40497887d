package dev.syncer.engine.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The request decoder over a pipelined read: 16 SETs with 100-byte values in one buffer, as
 * redis-benchmark -P16 sends them. Score: requests per second (ops are requests). The direct
 * variant reads from a buffer of Netty's default allocator, off heap, as a shard's socket reads arrive.
 */
@State(Scope.Thread)
public class RespDecoderBench {

    static final int PIPELINE = 16;

    private ByteBuf wire;
    private ByteBuf directWire;
    private RespDecoder decoder;
    private final List<Object> out = new ArrayList<>(PIPELINE);

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        String value = "x".repeat(100);
        for (int i = 0; i < PIPELINE; i++) {
            String key = "key:" + (100000 + i);
            sb.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$").append(value.length()).append("\r\n").append(value).append("\r\n");
        }
        wire = Unpooled.wrappedBuffer(sb.toString().getBytes(StandardCharsets.US_ASCII));
        directWire = ByteBufAllocator.DEFAULT.directBuffer(wire.readableBytes());
        directWire.writeBytes(wire, 0, wire.readableBytes());
        decoder = RespDecoder.trusting();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public List<Object> pipelinedSets() {
        return decodeAll(wire);
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public List<Object> pipelinedSetsDirect() {
        return decodeAll(directWire);
    }

    private List<Object> decodeAll(ByteBuf in) {
        out.clear();
        in.readerIndex(0);
        decoder.decode(null, in, out);
        if (out.size() != PIPELINE) {
            throw new IllegalStateException("decoded " + out.size());
        }
        return out;
    }
}
