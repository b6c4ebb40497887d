package dev.syncer.engine.syncer;

import dev.syncer.engine.resp.RespEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSinkTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final LocalSink sink = new LocalSink(channel);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static byte[][] set(int n, int valueBytes) {
        return RespEncoding.argv("SET", "k" + n, "v".repeat(valueBytes));
    }

    private static String encoded(byte[][]... commands) {
        StringBuilder sb = new StringBuilder();
        for (byte[][] argv : commands) {
            ByteBuf b = RespEncoding.encode(io.netty.buffer.Unpooled.buffer().alloc(), argv);
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    private List<String> writes() {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.add(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out;
    }

    @Test
    void commandsOfOneReadGoOutAsOneWriteAtTheFlush() {
        sink.send(0, set(1, 10), r -> { });
        sink.send(0, set(2, 10), r -> { });
        sink.send(3, set(3, 10), r -> { });
        assertThat(writes()).as("nothing leaves before the flush").isEmpty();

        sink.flush();

        assertThat(writes()).containsExactly(encoded(set(1, 10), set(2, 10),
                RespEncoding.argv("SELECT", "3"), set(3, 10)));
        sink.flush();
        assertThat(writes()).as("a flush with nothing queued writes nothing").isEmpty();
    }

    @Test
    void aLongReadIsWrittenByGatheredSizeBeforeItsEnd() {
        int perCommand = encoded(set(0, 1000)).length();
        int untilFull = (LocalSink.FLUSH_BYTES + perCommand - 1) / perCommand;
        for (int i = 0; i < untilFull - 1; i++) {
            sink.send(0, set(i, 1000), r -> { });
        }
        assertThat(writes()).isEmpty();

        sink.send(0, set(untilFull - 1, 1000), r -> { });

        List<String> out = writes();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).length()).isGreaterThanOrEqualTo(LocalSink.FLUSH_BYTES);
    }

    @Test
    void repliesGoToTheirCommandsCallbacksInOrder() {
        List<String> seen = new ArrayList<>();
        sink.send(0, set(1, 1), r -> seen.add("first:" + r));
        sink.send(2, set(2, 1), r -> seen.add("second:" + r));

        sink.replied("OK");
        sink.replied("OK"); // the SELECT's
        sink.replied(null);

        assertThat(seen).containsExactly("first:OK", "second:null");
        assertThat(sink.pending()).isZero();
    }
}
