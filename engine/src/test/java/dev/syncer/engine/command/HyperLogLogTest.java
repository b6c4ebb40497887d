package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.syncer.engine.testing.DirectShard.error;
import static org.assertj.core.api.Assertions.assertThat;

class HyperLogLogTest {

    private final DirectShard s = new DirectShard();

    @AfterEach
    void close() {
        s.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyHyperLogLogIsRedisEighteenByteSparseForm() {
        byte[] empty = HyperLogLog.empty().bytes();
        assertThat(empty).hasSize(18);
        assertThat(Arrays.copyOf(empty, 5)).isEqualTo(new byte[] {'H', 'Y', 'L', 'L', 1});
        assertThat(empty[16]).isEqualTo((byte) 0x7f);
        assertThat(empty[17]).isEqualTo((byte) 0xff);
        assertThat(HllSparse.decode(HyperLogLog.of(empty))).isEqualTo("Z:16384");
        assertThat(HyperLogLogEstimator.estimate(HyperLogLog.of(empty).histogram())).isZero();
    }

    @Test
    void elementsLandInTheRegistersRedisPutsThemIn() {
        // Register and run length as redis-server 7.0 decodes them after PFADD of each element alone.
        assertThat(decodedAfterAdding("hello")).isEqualTo("Z:9216 v:1,1 Z:7167");
        assertThat(decodedAfterAdding("foo")).isEqualTo("Z:7348 v:5,1 Z:9035");
        assertThat(decodedAfterAdding("")).isEqualTo("Z:5938 v:2,1 Z:10445");
    }

    private static String decodedAfterAdding(String element) {
        HyperLogLog h = HyperLogLog.empty();
        assertThat(h.add(utf8(element), 3000)).isEqualTo(1);
        assertThat(h.add(utf8(element), 3000)).isZero();
        return HllSparse.decode(h);
    }

    @Test
    void sparseAndDenseFormsAgreeRegisterByRegisterAndOnTheEstimate() {
        HyperLogLog sparse = HyperLogLog.empty();
        HyperLogLog dense = HyperLogLog.denseForTest();
        for (int i = 0; i < 1500; i++) {
            sparse.add(utf8("m" + i), Integer.MAX_VALUE);
            dense.add(utf8("m" + i), Integer.MAX_VALUE);
        }
        assertThat(sparse.encoding()).isEqualTo(HyperLogLog.SPARSE);
        int[] fromSparse = new int[HyperLogLog.REGISTERS];
        int[] fromDense = new int[HyperLogLog.REGISTERS];
        assertThat(sparse.mergeInto(fromSparse)).isTrue();
        assertThat(dense.mergeInto(fromDense)).isTrue();
        assertThat(fromSparse).isEqualTo(fromDense);
        long estimate = HyperLogLogEstimator.estimate(dense.histogram());
        assertThat(HyperLogLogEstimator.estimate(sparse.histogram())).isEqualTo(estimate);
        assertThat(estimate).isBetween(1450L, 1550L);
        assertThat(sparse.toDense()).isTrue();
        byte[] converted = sparse.bytes();
        assertThat(Arrays.copyOfRange(converted, HyperLogLog.HEADER, converted.length))
                .isEqualTo(Arrays.copyOfRange(dense.bytes(), HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE));
        assertThat(sparse.cacheValid()).as("sparse adds mark the cached cardinality stale").isFalse();
    }

    @Test
    void theSparseFormIsPromotedOnceItWouldOutgrowTheLimit() {
        HyperLogLog h = HyperLogLog.empty();
        int i = 0;
        while (h.encoding() == HyperLogLog.SPARSE) {
            h.add(utf8("e" + i++), 100);
            assertThat(h.bytes().length).isLessThanOrEqualTo(h.encoding() == HyperLogLog.SPARSE ? 100 : HyperLogLog.DENSE_SIZE);
        }
        assertThat(h.bytes()).hasSize(HyperLogLog.DENSE_SIZE);
    }

    @Test
    void opcodesThatDoNotCoverEveryRegisterAreCorrupt() {
        byte[] bytes = HyperLogLog.empty().bytes();
        bytes[16] = 0x30; // XZERO 16384 becomes ZERO 49 plus a dangling byte
        HyperLogLog h = HyperLogLog.of(bytes);
        assertThat(h.histogram()).isNull();
        assertThat(h.mergeInto(new int[HyperLogLog.REGISTERS])).isFalse();
        assertThat(h.toDense()).isFalse();
    }

    @Test
    void runsAddingUpBeyondTwoToTheThirtyOneAreCorruptNotAnOverflow() {
        byte[] header = Arrays.copyOf(HyperLogLog.empty().bytes(), 16);
        int xzeros = (1 << 17) + 1000; // each XZERO 16384: more than 2^31 registers in all
        byte[] bytes = Arrays.copyOf(header, 16 + 2 * xzeros + 1);
        for (int i = 0; i < xzeros; i++) {
            bytes[16 + 2 * i] = (byte) 0x7f;
            bytes[17 + 2 * i] = (byte) 0xff;
        }
        bytes[bytes.length - 1] = (byte) 0xff; // a VAL that would then index out of bounds
        HyperLogLog h = HyperLogLog.of(bytes);
        assertThat(h.histogram()).isNull();
        assertThat(h.mergeInto(new int[HyperLogLog.REGISTERS])).isFalse();
        assertThat(h.toDense()).isFalse();
    }

    @Test
    void onlyStringsWithTheHeaderAndExactDenseLengthAreHyperLogLogs() {
        assertThat(HyperLogLog.isValid(HyperLogLog.empty().bytes())).isTrue();
        assertThat(HyperLogLog.isValid(utf8("HYLL"))).isFalse();
        assertThat(HyperLogLog.isValid(utf8("HYLX\u0001xxxxxxxxxxxxxxx"))).isFalse();
        byte[] badEncoding = HyperLogLog.empty().bytes();
        badEncoding[4] = 2;
        assertThat(HyperLogLog.isValid(badEncoding)).isFalse();
        byte[] shortDense = Arrays.copyOf(HyperLogLog.denseForTest().bytes(), HyperLogLog.DENSE_SIZE - 1);
        assertThat(HyperLogLog.isValid(shortDense)).isFalse();
    }

    @Test
    void pfcountCachesTheCardinalityAndPropagatesOnlyWhenItRefreshesIt() {
        assertThat(s.call("PFADD", "h", "a", "b", "c")).isEqualTo(1L);
        assertThat(s.call("PFCOUNT", "h")).isEqualTo(3L);
        assertThat(s.call("PFCOUNT", "h")).isEqualTo(3L);
        assertThat(s.call("PFCOUNT", "h", "nosuch")).isEqualTo(3L);
        assertThat(s.takePropagatedText()).containsExactly("0:PFADD h a b c", "0:PFCOUNT h");
    }

    @Test
    void pfaddOfCountedElementsOnADenseValueChangesAndPropagatesNothing() {
        String[] elements = new String[3000];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = "e" + i;
        }
        String[] add = new String[elements.length + 2];
        add[0] = "PFADD";
        add[1] = "h";
        System.arraycopy(elements, 0, add, 2, elements.length);
        assertThat(s.call(add)).isEqualTo(1L);
        assertThat(s.call("PFDEBUG", "ENCODING", "h")).isEqualTo("dense");
        s.takePropagated();
        byte[] before = s.callRaw("GET", "h");
        assertThat(s.call("PFADD", "h", "e1", "e2999")).isEqualTo(0L);
        assertThat(s.callRaw("GET", "h")).isEqualTo(before);
        assertThat(s.takePropagated()).isEmpty();
        // new elements among counted ones still take the editing path (20: some raises a register)
        String[] more = new String[23];
        more[0] = "PFADD";
        more[1] = "h";
        more[2] = "e1";
        for (int i = 3; i < more.length; i++) {
            more[i] = "new-" + i;
        }
        assertThat(s.call(more)).isEqualTo(1L);
        assertThat(s.takePropagated()).hasSize(1);
        assertThat(s.callRaw("GET", "h")).isNotEqualTo(before);
    }

    @Test
    void aCorruptHyperLogLogIsReportedAndNeverThrows() {
        s.call("PFADD", "h", "a");
        s.call("SETRANGE", "h", "16", "0000");
        assertThat(s.call("PFCOUNT", "h")).isEqualTo(error(HyperLogLogCommands.INVALID));
        assertThat(s.call("PFADD", "h", "x", "y", "z")).isEqualTo(error(HyperLogLogCommands.INVALID));
        assertThat(s.call("PFMERGE", "m", "h")).isEqualTo(error(HyperLogLogCommands.INVALID));
        assertThat(s.call("EXISTS", "m")).isEqualTo(0L);
        s.call("SET", "plain", "hello");
        assertThat(s.call("PFADD", "plain", "a")).isEqualTo(error(HyperLogLogCommands.NOT_HLL));
        assertThat(s.call("GET", "plain")).isEqualTo("hello");
    }
}
