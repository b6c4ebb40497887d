package dev.syncer.engine.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacklogTest {

    private static final int SIZE = Backlog.MIN_SIZE;

    private static void append(Backlog b, byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        b.append(buf);
        assertThat(buf.readableBytes()).as("append leaves its input untouched").isEqualTo(data.length);
    }

    private static byte[] from(Backlog b, long offset) {
        ByteBuf out = b.copyFrom(offset, ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    @Test
    void anEmptyBacklogStartsAtTheNextByteAndServesOnlyThatOffset() {
        Backlog b = new Backlog(SIZE, 1001);
        assertThat(b.firstByteOffset()).isEqualTo(1001);
        assertThat(b.histlen()).isZero();
        assertThat(b.canServeFrom(1001)).isTrue();
        assertThat(from(b, 1001)).isEmpty();
        assertThat(b.canServeFrom(1000)).isFalse();
        assertThat(b.canServeFrom(1002)).isFalse();
    }

    @Test
    void servesFromItsFirstByteUpToOnePastItsLast() {
        Backlog b = new Backlog(SIZE, 1);
        append(b, "abcdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(from(b, 1), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(new String(from(b, 4), StandardCharsets.US_ASCII)).isEqualTo("def");
        assertThat(from(b, 7)).isEmpty();
        assertThat(b.canServeFrom(8)).isFalse();
        assertThat(b.canServeFrom(0)).isFalse();
        assertThatThrownBy(() -> b.copyFrom(8, ByteBufAllocator.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesBelowTheMinimumAreRaisedTo16KB() {
        assertThat(new Backlog(100, 1).size()).isEqualTo(16 * 1024);
    }

    @Test
    void anAppendLargerThanTheRingKeepsItsTail() {
        Backlog b = new Backlog(SIZE, 1);
        byte[] data = new byte[SIZE * 2 + 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        append(b, data);
        assertThat(b.histlen()).isEqualTo(SIZE);
        assertThat(b.firstByteOffset()).isEqualTo(1 + data.length - SIZE);
        assertThat(from(b, b.firstByteOffset())).isEqualTo(Arrays.copyOfRange(data, data.length - SIZE, data.length));
    }

    @Test
    void resizingKeepsTheNewestBytesThatFit() {
        Backlog b = new Backlog(SIZE * 2, 1);
        byte[] data = new byte[SIZE + 100];
        Arrays.fill(data, (byte) 'x');
        data[data.length - 1] = 'z';
        append(b, data);
        b.resize(SIZE);
        assertThat(b.histlen()).isEqualTo(SIZE);
        assertThat(b.firstByteOffset()).isEqualTo(1 + 100);
        byte[] tail = from(b, b.firstByteOffset());
        assertThat(tail[tail.length - 1]).isEqualTo((byte) 'z');
        append(b, new byte[] {'!'});
        assertThat(from(b, b.lastByteOffset())).containsExactly('!');
    }

    /** The ring behaves like "the last size bytes of everything appended", at every offset. */
    @Property(tries = 200)
    void holdsExactlyTheNewestBytes(@ForAll @Size(max = 30) List<@Size(max = 9000) byte[]> chunks,
                                    @ForAll @IntRange(min = 0, max = 3) int extraKb) {
        int size = SIZE + extraKb * 1024;
        Backlog b = new Backlog(size, 42);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            append(b, c);
            all.writeBytes(c);
        }
        byte[] everything = all.toByteArray();
        int held = Math.min(size, everything.length);
        assertThat(b.histlen()).isEqualTo(held);
        assertThat(b.firstByteOffset()).isEqualTo(42L + everything.length - held);
        assertThat(from(b, b.firstByteOffset())).isEqualTo(Arrays.copyOfRange(everything, everything.length - held, everything.length));
    }
}
