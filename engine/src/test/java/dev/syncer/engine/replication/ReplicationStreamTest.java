package dev.syncer.engine.replication;

import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationStreamTest {

    private static byte[] encoded(byte[][]... commands) {
        ByteBuf out = Unpooled.buffer();
        for (byte[][] argv : commands) {
            RespEncoding.write(out, argv);
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Test
    void aDatabaseChangeIsPrecededByItsSelectAndTheOffsetCountsBoth() {
        ReplicationStream stream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        stream.createBacklog(Backlog.MIN_SIZE);
        byte[][] set = RespEncoding.argv("SET", "k", "v");
        stream.propagate(3, set);
        stream.propagate(3, set);
        byte[] expected = encoded(RespEncoding.argv("SELECT", "3"), set, set);
        assertThat(BacklogTest.from(stream.backlog(), 1)).isEqualTo(expected);
        assertThat(stream.masterReplOffset()).isEqualTo(expected.length);
        assertThat(stream.selectedDb()).isEqualTo(3);
        stream.freeBacklog();
    }

    /**
     * Commands of any size, some written straight into the tail block and some spilling over into
     * new blocks: the backlog holds exactly their encodings in order, the offset counts them, and
     * the place the sink is given for each is where that command (or its SELECT) begins.
     */
    @Property(tries = 60)
    void theBacklogHoldsEveryCommandInOrderWhereverItWasEncoded(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 40_000) Integer> valueSizes,
            @ForAll @IntRange(min = 0, max = 2) int dbSpread) {
        ReplicationStream stream = new ReplicationStream(ByteBufAllocator.DEFAULT);
        stream.createBacklog(64 * 1024 * 1024); // nothing trimmed: all of it can be compared
        List<Long> places = new ArrayList<>();
        stream.sink(b -> {
            ReplBufReference at = b.referenceAtLastAppend();
            places.add(at.offset());
            at.release();
        });
        List<byte[][]> expected = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        long offset = 1;
        int selected = -1;
        for (int i = 0; i < valueSizes.size(); i++) {
            int db = dbSpread == 0 ? 0 : i % (dbSpread + 1);
            byte[] value = new byte[valueSizes.get(i)];
            Arrays.fill(value, (byte) ('a' + i % 26));
            byte[][] argv = {RespEncoding.ascii("SET"), RespEncoding.ascii("key:" + i), value};
            starts.add(offset);
            if (db != selected) {
                byte[][] select = RespEncoding.argv("SELECT", Integer.toString(db));
                expected.add(select);
                offset += RespEncoding.size(select);
                selected = db;
            }
            expected.add(argv);
            offset += RespEncoding.size(argv);
            stream.propagate(db, argv);
        }
        byte[] all = encoded(expected.toArray(new byte[0][][]));
        assertThat(stream.masterReplOffset()).isEqualTo(all.length);
        assertThat(BacklogTest.from(stream.backlog(), 1)).isEqualTo(all);
        assertThat(places).isEqualTo(starts);
        stream.freeBacklog();
    }
}
