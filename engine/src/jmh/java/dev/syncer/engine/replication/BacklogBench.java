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
 * backlog (wrapping), and the whole propagate (encode once, backlog, sink) as a write does it.
 */
@State(Scope.Thread)
public class BacklogBench {

    private Backlog backlog;
    private ByteBuf command;
    private ReplicationStream stream;
    private byte[][] argv;
    private long sunk;

    @Setup(Level.Trial)
    public void setUp() {
        backlog = new Backlog(1024 * 1024, 1);
        argv = RespEncoding.argv("SET", "key:123456", "x".repeat(100));
        command = Unpooled.directBuffer();
        RespEncoding.write(command, argv);
        stream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        stream.createBacklog(1024 * 1024);
        stream.sink(fed -> sunk++);
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
}
