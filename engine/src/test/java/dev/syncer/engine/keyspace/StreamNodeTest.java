package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries packed in stream nodes read back exactly as appended: forwards and backwards, from any
 * ID, across nodes and tombstones, with every listpack element encoding a value can take.
 */
class StreamNodeTest {

    /** Values that hit each element encoding: 7-bit, 13-bit, 16/24/32/64-bit integers, short to 32-bit strings. */
    private static final String[] VALUES = {"0", "127", "128", "-1", "-4096", "4095", "-4097", "32767", "-32769",
            "8388607", "-8388609", "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "007", "-0", "+1", "1.5", "", "v", "x".repeat(63), "x".repeat(64),
            "y".repeat(4095), "y".repeat(4096), "z".repeat(70_000)};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[][] fv) {
        List<String> parts = new ArrayList<>();
        for (byte[] p : fv) {
            parts.add(new String(p, StandardCharsets.UTF_8));
        }
        return String.join("|", parts);
    }

    /** A stream of n entries (IDs 1-0, 1-1, 3-0, 3-1, ...) with nodes of 7 entries, and its model. */
    private static StreamValue filled(int n, NavigableMap<StreamId, String> model, Random random) {
        StreamValue s = new StreamValue();
        for (int i = 0; i < n; i++) {
            StreamId id = new StreamId(1 + 2L * (i / 2), i % 2);
            String value = VALUES[random.nextInt(VALUES.length)];
            byte[][] fv = switch (random.nextInt(3)) {
                case 0 -> new byte[][] {b("f"), b(value)};
                case 1 -> new byte[][] {b("f"), b(value), b("-12"), b("x")};
                default -> new byte[][] {b(value), b("f")};
            };
            s.append(id, fv, 0, fv.length, 0, 7);
            model.put(id, text(fv));
        }
        return s;
    }

    private static List<String> read(StreamValue s, StreamId from, StreamId to, boolean reverse) {
        List<String> out = new ArrayList<>();
        for (StreamValue.Cursor c = s.cursor(from, to, reverse); c.next(); ) {
            out.add(c.id() + "=" + text(c.fieldsAndValues()));
        }
        return out;
    }

    private static List<String> expected(NavigableMap<StreamId, String> model, StreamId from, StreamId to, boolean reverse) {
        List<String> out = new ArrayList<>();
        if (from.compareTo(to) <= 0) {
            NavigableMap<StreamId, String> sub = model.subMap(from, true, to, true);
            for (Map.Entry<StreamId, String> e : (reverse ? sub.descendingMap() : sub).entrySet()) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return out;
    }

    @Test
    void entriesReadBackInBothDirectionsFromAnyIdAcrossNodesAndTombstones() {
        Random random = new Random(13);
        TreeMap<StreamId, String> model = new TreeMap<>();
        StreamValue s = filled(200, model, random);
        assertThat(s.nodes()).hasSize(29);
        for (int i = 0; i < 60; i++) {
            StreamId id = new StreamId(1 + 2L * random.nextInt(100), random.nextInt(2));
            assertThat(s.delete(id)).isEqualTo(model.remove(id) != null);
        }
        assertThat(s.length()).isEqualTo(model.size());
        for (int i = 0; i < 200; i++) {
            StreamId from = new StreamId(random.nextInt(210), random.nextInt(3));
            StreamId to = new StreamId(random.nextInt(210), random.nextInt(3));
            boolean reverse = random.nextBoolean();
            assertThat(read(s, from, to, reverse)).isEqualTo(expected(model, from, to, reverse));
            assertThat(s.count(from, to, 0)).isEqualTo(expected(model, from, to, false).size());
            String value = model.get(from);
            assertThat(s.contains(from)).isEqualTo(value != null);
            assertThat(s.get(from) == null ? null : text(s.get(from))).isEqualTo(value);
        }
        assertThat(read(s, StreamId.MIN, StreamId.MAX, true)).isEqualTo(expected(model, StreamId.MIN, StreamId.MAX, true));
        assertThat(s.firstEntryId()).isEqualTo(model.firstKey());
        assertThat(s.lastEntryId()).isEqualTo(model.lastKey());
    }

    @Test
    void aNodePastAHundredAndTwentySevenEntriesWidensItsCountersInPlace() {
        StreamValue s = new StreamValue();
        byte[][] fv = {b("f"), b("v")};
        for (int i = 1; i <= 300; i++) {
            s.append(new StreamId(i, 0), fv, 0, 2, 0, 0);
        }
        StreamNode node = s.nodes().firstEntry().getValue();
        assertThat(s.nodes()).hasSize(1);
        assertThat(node.live()).isEqualTo(300);
        for (int i = 1; i <= 200; i++) {
            assertThat(s.delete(new StreamId(i, 0))).isTrue();
        }
        assertThat(node.live()).isEqualTo(100);
        assertThat(node.deleted()).isEqualTo(200);
        assertThat(s.firstEntryId()).isEqualTo(new StreamId(201, 0));
        assertThat(s.count(StreamId.MIN, StreamId.MAX, 0)).isEqualTo(100);
        assertThat(read(s, StreamId.MIN, new StreamId(202, 0), true)).containsExactly("202-0=f|v", "201-0=f|v");
        byte[] lp = node.listpack();
        long total = lp[0] & 0xff | (lp[1] & 0xff) << 8 | (lp[2] & 0xff) << 16 | (long) (lp[3] & 0xff) << 24;
        assertThat(total).isEqualTo(lp.length).isEqualTo(node.bytes());
        assertThat(lp[lp.length - 1] & 0xff).isEqualTo(0xFF);
    }

    @Test
    void aCopyIsUntouchedByChangesToTheOriginal() {
        TreeMap<StreamId, String> model = new TreeMap<>();
        StreamValue s = filled(30, model, new Random(5));
        StreamValue copy = (StreamValue) s.copy();
        s.delete(model.firstKey());
        s.trim(3, null, false, 0);
        s.append(new StreamId(1000, 0), new byte[][] {b("f"), b("new")});
        assertThat(read(copy, StreamId.MIN, StreamId.MAX, false)).isEqualTo(expected(model, StreamId.MIN, StreamId.MAX, false));
        assertThat(s.length()).isEqualTo(4);
    }

    @Test
    void aNewTailStartsWithTheRoomItsPredecessorFilledWhichIsGivenBack() {
        StreamValue s = new StreamValue();
        for (int i = 1; i <= 101; i++) {
            byte[][] fv = {b("field"), b("%012d".formatted(i))}; // as redis-benchmark's __rand_int__
            s.append(new StreamId(1, i), fv, 0, 2, StreamNode.MAX_BYTES, StreamNode.MAX_ENTRIES);
        }
        StreamNode first = s.nodes().firstEntry().getValue();
        StreamNode tail = s.nodes().lastEntry().getValue();
        assertThat(s.nodes()).hasSize(2);
        assertThat(first.capacity()).isEqualTo(first.bytes()); // compacted when the tail moved on
        assertThat((long) tail.capacity()).isGreaterThanOrEqualTo(first.bytes()); // 100 more: no regrowth
    }
}
