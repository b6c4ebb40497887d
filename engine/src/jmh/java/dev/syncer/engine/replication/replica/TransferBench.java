package dev.syncer.engine.replication.replica;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A replica receiving a diskless primary's RDB ($EOF: framing, a full sync's or a dual-channel rdb
 * channel's): one 64 KB socket read of payload through the transfer's decoder, which looks for the
 * EOF mark in it and hands it to its sink (here one that takes the bytes and keeps nothing, so the
 * decoder's own cost and garbage show; with {@code -prof gc} the bytes allocated per read). The
 * mark never comes: every read is payload, as all but the last of a transfer's are.
 */
@State(Scope.Thread)
public class TransferBench {

    private static final int READ = 64 * 1024;
    private static final String MARK = "7f3c1b9a5e2d4c6b8a0f1e3d5c7b9a1f2e4d6c8b";

    private EmbeddedChannel channel;
    private ByteBuf[] reads;
    private int next;
    private long taken;

    @Setup(Level.Trial)
    public void setUp() {
        TransferDecoder.Sink sink = new TransferDecoder.Sink() {
            @Override
            public void open() {
            }

            @Override
            public int write(ByteBuf in, int from, int n) {
                taken += in.getByte(from); // looked at, as a sink does, and let go
                return n;
            }

            @Override
            public void end(long length) {
            }

            @Override
            public void close() {
            }
        };
        TransferDecoder.Listener listener = new TransferDecoder.Listener() {
            @Override
            public void io(long payloadBytes) {
            }

            @Override
            public void header(long size) {
            }

            @Override
            public void complete(java.nio.file.Path file, long size, boolean eofMark) {
                throw new IllegalStateException("the mark is never sent");
            }

            @Override
            public void failed(String reason) {
                throw new IllegalStateException(reason);
            }
        };
        channel = new EmbeddedChannel(new TransferDecoder(sink, listener));
        channel.writeInbound(Unpooled.copiedBuffer("$EOF:" + MARK + "\r\n", StandardCharsets.US_ASCII));
        Random random = new Random(1);
        reads = new ByteBuf[64];
        for (int i = 0; i < reads.length; i++) {
            byte[] payload = new byte[READ];
            random.nextBytes(payload); // RDB payload: compressed and binary, every byte value
            reads[i] = Unpooled.directBuffer(READ).writeBytes(payload);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        for (ByteBuf read : reads) {
            read.release();
        }
    }

    @Benchmark
    public long read64k() {
        channel.writeInbound(reads[next++ % reads.length].retainedDuplicate());
        return taken;
    }
}
