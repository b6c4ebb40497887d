package dev.syncer.engine.replication;

import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The primary's stream path without sockets: one SET of a 100-byte value appended to a 1 MB
 * backlog (wrapping), and the whole propagate (encode once, backlog, sink) as a write does it;
 * {@link #propagateKeys} as cpu-per-request.sh's REPL runs write: 100,000 keys in turn into a
 * 64 MB backlog, so blocks are allocated and trimmed as a full backlog does.
 */
@State(Scope.Thread)
public class BacklogBench {

    private Backlog backlog;
    private ByteBuf command;
    private ReplicationStream stream;
    private byte[][] argv;
    private long sunk;
    private ReplicationStream bigStream;
    private byte[][][] keyed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        backlog = new Backlog(1024 * 1024, 1);
        argv = RespEncoding.argv("SET", "key:123456", "x".repeat(100));
        command = Unpooled.directBuffer();
        RespEncoding.write(command, argv);
        stream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        stream.createBacklog(1024 * 1024);
        stream.sink(fed -> sunk++);
        bigStream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        bigStream.createBacklog(64 * 1024 * 1024);
        bigStream.sink(fed -> sunk++);
        keyed = new byte[100_000][][];
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = RespEncoding.argv("SET", String.format("key:%012d", i), "x".repeat(100));
        }
    }

    @Benchmark
    public long append() {
        backlog.append(command);
        return backlog.histlen();
    }

    @Benchmark
    public long propagate() {
        stream.propagate(0, argv);
        return sunk;
    }

    @Benchmark
    public long propagateKeys() {
        bigStream.propagate(0, keyed[next]);
        next = next + 1 == keyed.length ? 0 : next + 1;
        return sunk;
    }
}
