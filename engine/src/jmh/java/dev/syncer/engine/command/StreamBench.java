package dev.syncer.engine.command;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Streams through dispatch, as redis-benchmark's XADD test sends them ({@code XADD stream * field
 * N}, N random below 100,000), on a shard built but not started: {@code xadd} appends to a stream
 * kept near 100k entries (every 100k appends it is deleted), {@code xrange} reads 10 entries from a
 * random ID of a 100k-entry stream. The setup prints the heap one entry costs (used heap after GC,
 * before and after filling "filled" with 100k entries of one field).
 */
@State(Scope.Thread)
public class StreamBench {

    private static final int ENTRIES = 100_000;

    private Shard shard;
    private Dispatcher dispatcher;
    private ClientSession session;
    private ByteBuf out;
    private Reply reply;
    private byte[][][] adds;
    private byte[][][] ranges;
    private byte[][] del;
    private int added;

    @Setup(Level.Trial)
    public void setUp() {
        shard = UnstartedShard.assemble().shard();
        dispatcher = shard.dispatcher();
        session = shard.internalClient(ClientSession.Kind.NORMAL);
        out = Unpooled.directBuffer(1 << 16);
        reply = new Reply(out);
        java.util.Random random = new java.util.Random(10);
        adds = new byte[ENTRIES][][];
        ranges = new byte[ENTRIES][][];
        for (int i = 0; i < ENTRIES; i++) {
            adds[i] = RespEncoding.argv("XADD", "stream", "*", "field", Integer.toString(random.nextInt(ENTRIES)));
            ranges[i] = RespEncoding.argv("XRANGE", "filled", "1-" + i, "+", "COUNT", "10");
        }
        del = RespEncoding.argv("DEL", "stream");
        long before = usedAfterGc();
        for (int i = 0; i < ENTRIES; i++) {
            run(RespEncoding.argv("XADD", "filled", "1-" + (i + 1), "field", Integer.toString(random.nextInt(ENTRIES))));
        }
        long after = usedAfterGc();
        System.out.printf("%n%d stream entries of one field: %.1f bytes of heap each%n", ENTRIES,
                (after - before) / (double) ENTRIES);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        shard.crash();
    }

    @Benchmark
    public int xadd() {
        if (++added == ENTRIES) {
            added = 0;
            run(del);
        }
        return run(adds[added]);
    }

    @Benchmark
    public int xrange() {
        return run(ranges[ThreadLocalRandom.current().nextInt(ENTRIES)]);
    }

    private int run(byte[][] argv) {
        out.clear();
        dispatcher.execute(session, argv, reply);
        return out.writerIndex();
    }
}
