package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class DeltaCodecTest {

    private static final Tag TAG = new Tag(1_000_000, "A");

    private static Delta everyOp() {
        Delta d = new Delta(TAG);
        VersionVector seen = new VersionVector();
        seen.observe("B", 900);
        seen.observe("C", 950);
        d.key(Key.of("s")).write(ElementKind.STRING, KeyState.UNNAMED, TAG, "v".getBytes(StandardCharsets.UTF_8));
        d.key(Key.of("s")).count(ElementKind.STRING, KeyState.UNNAMED, "A", new Counter(12, TAG.ts(), -7));
        d.key(Key.of("s")).write(ElementKind.EXPIRY, KeyState.UNNAMED, TAG, 1_700_000_000_000L);
        d.key(Key.of("h")).removeElement(ElementKind.HASH, Key.of("f"), seen,
                java.util.Map.of("B", new Counter(0, 870, 40), "C", new Counter(800, 930, -2)));
        d.key(Key.of("h")).write(ElementKind.HASH, Key.of("g"), TAG, new byte[] {0, (byte) 0xFF, '\r', '\n'});
        d.key(Key.of("t")).write(ElementKind.SET, Key.of("m"), TAG, ElementKind.PRESENT);
        d.key(Key.of("z")).write(ElementKind.ZSET, Key.of("m"), TAG, -1.5);
        d.key(Key.of("z")).count(ElementKind.ZSET, Key.of("n"), "A", new Counter(0, TAG.ts(), Double.doubleToLongBits(0.25)));
        d.key(Key.of("l")).write(ElementKind.LIST, KeyState.UNNAMED, TAG, List.of("a".getBytes(), new byte[0]));
        d.key(Key.of("gone")).removeKey(seen);
        d.key(Key.of("expired")).expireBefore(800);
        return d;
    }

    /** Removals name the clusters they observed: the names a shard knows come back as its own Strings, the rest decoded. */
    @Test
    void originsTheShardKnowsAreItsOwnStrings() {
        String b = new String("B".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        OriginNames known = bytes -> Arrays.equals(bytes, new byte[] {'B'}) ? b : null;
        Delta back = DeltaCodec.decode(TAG, DeltaCodec.encode(everyOp()), known);
        VersionVector removed = back.keys().get(Key.of("gone")).removed();
        assertThat(removed.origin(0)).isSameAs(b);
        assertThat(removed.origin(1)).isEqualTo("C");
        VersionVector fieldRemoved = back.keys().get(Key.of("h")).element(ElementKind.HASH, Key.of("f")).removed();
        assertThat(fieldRemoved.origin(0)).isSameAs(b);
        assertThat(back.keys().get(Key.of("h")).element(ElementKind.HASH, Key.of("f")).counted().keySet())
                .containsExactly("B", "C").first().isSameAs(b);
    }

    @Test
    void everyOperationSurvivesTheRoundTrip() {
        Delta d = everyOp();
        Delta back = DeltaCodec.decode(TAG, DeltaCodec.encode(d));
        assertThat(back.keys().keySet()).containsExactlyElementsOf(d.keys().keySet());
        for (Key k : d.keys().keySet()) {
            assertThat(StateCodec.encode(back.keys().get(k))).as(k.toString())
                    .isEqualTo(StateCodec.encode(d.keys().get(k)));
        }
    }

    @Test
    void aDeltaIsCompact() {
        Delta d = new Delta(TAG);
        d.key(Key.of("counter")).count(ElementKind.STRING, KeyState.UNNAMED, "A", new Counter(0, TAG.ts(), 1));
        // version, key count, key length, key, op count, op, kind, element, since, total: 9 bytes and the key
        assertThat(DeltaCodec.encode(d)).hasSize(9 + "counter".length());
    }

    @Test
    void aWriteWithAnotherTagCannotBeEncodedIntoTheDelta() {
        Delta d = new Delta(TAG);
        d.key(Key.of("k")).write(ElementKind.STRING, KeyState.UNNAMED, new Tag(5, "B"), new byte[0]);
        assertThatThrownBy(() -> DeltaCodec.encode(d)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void garbageIsRejectedWithTheReason() {
        byte[] good = DeltaCodec.encode(everyOp());
        assertThat(reason(new byte[0])).contains("truncated byte");
        assertThat(reason(new byte[] {9})).contains("unsupported delta version 9");
        assertThat(reason(Arrays.copyOf(good, good.length - 3))).containsAnyOf("truncated", "exceeds the bytes left");
        assertThat(reason(Arrays.copyOf(good, good.length + 1))).contains("1 trailing bytes");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "07"))).contains("unknown op 7");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "01" + "09" + "00"))).contains("unknown element kind 9");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "01" + "01" + "0178" + "00"))).contains("must be unnamed");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "02" + "04" + "016d" + "00"))).contains("takes no increments");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "01" + "02" + "00" + "00"))).contains("empty list");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "01" + "05" + "016d" + "7ff8000000000000"))).contains("NaN");
        assertThat(reason(hex("01" + "ffffffff0f"))).contains("exceeds the bytes left");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "04" + "01" + "00" + "01"))).contains("empty origin");
        assertThat(reason(hex("01" + "01" + "016b" + "01" + "05" + "00"))).contains("timestamp must be positive");
    }

    @Property(tries = 500)
    void arbitraryBytesDecodeOrFailCleanly(@ForAll byte[] bytes) {
        Throwable t = catchThrowable(() -> DeltaCodec.decode(TAG, bytes));
        if (t != null) {
            assertThat(t).isInstanceOf(MalformedStateException.class);
        }
        Throwable s = catchThrowable(() -> StateCodec.decode(bytes));
        if (s != null) {
            assertThat(s).isInstanceOf(MalformedStateException.class);
        }
    }

    @Property(tries = 300)
    void corruptedEncodingsDecodeOrFailCleanly(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] state = StateCodec.encode(RandomStates.state(random, 1 + random.nextInt(20)));
        byte[] delta = DeltaCodec.encode(everyOp());
        for (byte[] b : List.of(state, delta)) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        Throwable t = catchThrowable(() -> DeltaCodec.decode(TAG, delta));
        assertThat(t == null || t instanceof MalformedStateException).as(String.valueOf(t)).isTrue();
        Throwable s = catchThrowable(() -> StateCodec.decode(state));
        assertThat(s == null || s instanceof MalformedStateException).as(String.valueOf(s)).isTrue();
    }

    private static String reason(byte[] bytes) {
        Throwable t = catchThrowable(() -> DeltaCodec.decode(TAG, bytes));
        assertThat(t).isInstanceOf(MalformedStateException.class);
        return t.getMessage();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
