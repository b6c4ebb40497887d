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

    /** The bytes a backlog holds from offset on (shared with ReplicationStreamTest). */
    static byte[] from(Backlog b, long offset) {
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
    void theFirstBlockGoesOnlyWhenTheRestStillHoldsMoreThanTheSize() {
        Backlog b = new Backlog(SIZE, 1);
        byte[] data = new byte[SIZE * 2 + 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        append(b, data);
        // three 16 KB blocks; the first went, the second stays: without it only 5 bytes would be held
        assertThat(b.histlen()).isEqualTo(SIZE + 5);
        assertThat(b.firstByteOffset()).isEqualTo(1 + SIZE);
        assertThat(b.memory()).isEqualTo(2L * (SIZE + Backlog.BLOCK_OVERHEAD));
        assertThat(from(b, b.firstByteOffset())).isEqualTo(Arrays.copyOfRange(data, SIZE, data.length));
    }

    @Test
    void blocksAreAtLeast16KbAndAtMostASixteenthOfTheBacklog() {
        assertThat(Backlog.blockSize(100, 1 << 20)).isEqualTo(16 * 1024);
        assertThat(Backlog.blockSize(256 * 1024, SIZE)).isEqualTo(16 * 1024);
        assertThat(Backlog.blockSize(10 << 20, 100 << 20)).isEqualTo((100 << 20) / 16);
        assertThat(Backlog.blockSize(40_000, 1 << 20)).isEqualTo(40_000);
    }

    @Test
    void aReplicasPlaceKeepsItsBlocksSoTheBacklogOutgrowsItsSize() {
        Backlog b = new Backlog(SIZE, 1);
        append(b, new byte[] {'a'});
        ReplBufReference slow = b.referenceAtLastAppend();
        byte[] chunk = new byte[1000];
        for (int i = 0; i < 100; i++) {
            append(b, chunk);
        }
        assertThat(b.histlen()).isEqualTo(100_001);
        assertThat(b.canServeFrom(1)).isTrue();
        assertThat(slow.pendingBytes()).isEqualTo(100_001);
        assertThat(slow.memory()).isEqualTo(b.memory()).isGreaterThan(100_000);

        ReplBufReference other = slow.copy(); // a second replica at the same place
        long memory = b.memory();
        slow.release();
        assertThat(b.memory()).as("one of two replicas went: nothing is freed").isEqualTo(memory);
        other.release();
        assertThat(b.histlen()).isBetween((long) SIZE, (long) SIZE * 2);
        assertThat(b.memory()).isLessThan(memory - 64 * 1024);
    }

    @Test
    void aReferenceHandsOutSlicesOfTheBlocksFromItsOffset() {
        Backlog b = new Backlog(SIZE, 1);
        byte[] data = new byte[SIZE * 3];
        new java.util.Random(7).nextBytes(data);
        append(b, Arrays.copyOf(data, 10));
        ReplBufReference r = b.referenceAt(4);
        append(b, Arrays.copyOfRange(data, 10, data.length));
        assertThat(r.offset()).isEqualTo(4);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (ByteBuf slice = r.next(); slice != null; slice = r.next()) {
            byte[] bytes = new byte[slice.readableBytes()];
            slice.readBytes(bytes);
            slice.release();
            sent.writeBytes(bytes);
        }
        assertThat(sent.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 3, data.length));
        assertThat(r.pendingBytes()).isZero();
        assertThat(r.offset()).isEqualTo(1 + data.length);
        // standing in the last block now: its share counts from there
        assertThat(r.memory()).isEqualTo(SIZE + Backlog.BLOCK_OVERHEAD);
        r.release();
    }

    @Test
    void aPsyncBeforeAnythingWasFedGetsItsPlaceFromTheNextAppend() {
        Backlog b = new Backlog(SIZE, 50);
        assertThat(b.referenceAt(50)).isNull();
        append(b, new byte[] {'x'});
        ReplBufReference r = b.referenceAtLastAppend();
        assertThat(r.offset()).isEqualTo(50);
        assertThat(r.pendingBytes()).isEqualTo(1);
        r.release();
    }

    @Test
    void aFreedBacklogLeavesReferencesEmpty() {
        Backlog b = new Backlog(SIZE, 1);
        append(b, new byte[100]);
        ReplBufReference r = b.referenceAt(1);
        b.free();
        assertThat(r.next()).isNull();
        assertThat(r.memory()).isZero();
        r.release();
        assertThat(b.memory()).isZero();
    }

    @Test
    void aReferenceIsALivePlaceOnlyInItsOwnBacklog() {
        Backlog old = new Backlog(SIZE, 1);
        append(old, new byte[10]);
        ReplBufReference r = old.referenceAt(1);
        assertThat(r.in(old)).isTrue();
        old.free(); // a full sync from our own primary replaced the backlog
        Backlog fresh = new Backlog(SIZE, 11);
        assertThat(r.in(old)).isFalse();
        assertThat(r.in(fresh)).isFalse();
        r.release();
        fresh.free();
    }

    @Test
    void shrinkingTrimsWhatNoReplicaHolds() {
        Backlog b = new Backlog(SIZE * 8, 1);
        byte[] data = new byte[SIZE * 4 + 100];
        Arrays.fill(data, (byte) 'x');
        data[data.length - 1] = 'z';
        append(b, data);
        assertThat(b.histlen()).isEqualTo(data.length);
        b.resize(SIZE);
        assertThat(b.histlen()).isEqualTo(SIZE + 100);
        byte[] tail = from(b, b.firstByteOffset());
        assertThat(tail[tail.length - 1]).isEqualTo((byte) 'z');
        append(b, new byte[] {'!'});
        assertThat(from(b, b.lastByteOffset())).containsExactly('!');
    }

    /**
     * Whatever is appended and whichever places replicas take and give up: the backlog holds the
     * newest bytes, at least its size of them (or all), less than a block more than its size once
     * no replica holds anything, and every replica is sent exactly the stream from its place.
     */
    @Property(tries = 200)
    void holdsTheNewestBytesAndEveryReplicaGetsTheStreamFromItsPlace(
            @ForAll @Size(max = 30) List<@Size(max = 9000) byte[]> chunks,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3) Integer> actions,
            @ForAll @IntRange(min = 0, max = 3) int extraKb) {
        int size = SIZE + extraKb * 1024;
        Backlog b = new Backlog(size, 42);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        java.util.Map<ReplBufReference, ByteArrayOutputStream> replicas = new java.util.LinkedHashMap<>();
        java.util.Map<ReplBufReference, Long> starts = new java.util.HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            b.feed(Unpooled.wrappedBuffer(c));
            all.writeBytes(c);
            int action = i < actions.size() ? actions.get(i) : 0;
            if (action == 1 && c.length > 0) { // a replica joins at this append
                ReplBufReference r = b.referenceAtLastAppend();
                replicas.put(r, new ByteArrayOutputStream());
                starts.put(r, 42L + all.size() - c.length);
            }
            b.trimAfterFeed();
            if (action == 1) {
                continue;
            } else if (action == 2) { // every replica takes what it can
                replicas.forEach((r, got) -> drain(r, got));
            } else if (action == 3 && !replicas.isEmpty()) { // the oldest leaves
                ReplBufReference gone = replicas.keySet().iterator().next();
                check(gone, replicas.remove(gone), starts.get(gone), all.toByteArray());
                gone.release();
            }
        }
        byte[] everything = all.toByteArray();
        for (var e : replicas.entrySet()) {
            check(e.getKey(), e.getValue(), starts.get(e.getKey()), everything);
            e.getKey().release();
        }
        b.trim(Integer.MAX_VALUE);
        long held = b.histlen();
        assertThat(held).isGreaterThanOrEqualTo(Math.min(size, everything.length));
        assertThat(held).isLessThanOrEqualTo(Math.min(everything.length, size + 16 * 1024));
        assertThat(b.firstByteOffset()).isEqualTo(42L + everything.length - held);
        assertThat(from(b, b.firstByteOffset()))
                .isEqualTo(Arrays.copyOfRange(everything, (int) (everything.length - held), everything.length));
        b.free();
    }

    private static void drain(ReplBufReference r, ByteArrayOutputStream got) {
        for (ByteBuf slice = r.next(); slice != null; slice = r.next()) {
            byte[] bytes = new byte[slice.readableBytes()];
            slice.readBytes(bytes);
            slice.release();
            got.writeBytes(bytes);
        }
    }

    private static void check(ReplBufReference r, ByteArrayOutputStream got, long start, byte[] everything) {
        drain(r, got);
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOfRange(everything, (int) (start - 42), everything.length));
    }
}
