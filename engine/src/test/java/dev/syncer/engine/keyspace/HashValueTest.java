package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hash behaves as a map whether packed or a table, in insertion order except that a table's
 * removal moves its last field into the freed place, and a copy shares nothing it may change.
 */
class HashValueTest {

    @Test
    void randomWritesMatchAMapAndItsOrderThroughTheConversion() {
        for (int range : new int[] {40, 400}) { // stays packed; outgrows it and becomes a table
            Random random = new Random(range);
            HashValue hash = new HashValue();
            Map<Key, byte[]> expected = new HashMap<>();
            List<Key> order = new ArrayList<>();
            for (int step = 0; step < 4_000; step++) {
                Key field = Key.of("f" + random.nextInt(range));
                if (random.nextInt(3) > 0) {
                    byte[] value = bytes("v" + step);
                    assertThat(hash.put(field, value)).isEqualTo(expected.put(field, value));
                    if (!order.contains(field)) {
                        order.add(field);
                    }
                } else {
                    boolean packed = hash.packed() != null;
                    assertThat(hash.remove(field)).isEqualTo(expected.remove(field));
                    int at = order.indexOf(field);
                    if (at >= 0 && packed) {
                        order.remove(at);
                    } else if (at >= 0) {
                        Key last = order.removeLast();
                        if (at < order.size()) {
                            order.set(at, last);
                        }
                    }
                }
                if (step % 97 == 0) {
                    assertSame(hash, expected, order);
                }
            }
            assertSame(hash, expected, order);
            assertThat(hash.packed() != null).isEqualTo(range < HashValue.PACKED_MAX_FIELDS);
        }
    }

    @Test
    void aLongValueMakesATableThatKeepsTheOrder() {
        HashValue hash = new HashValue();
        hash.fields().put(Key.of("b"), bytes("1"));
        hash.fields().put(Key.of("a"), bytes("2"));
        assertThat(hash.anyLongerThan(0)).isTrue();
        assertThat(hash.anyLongerThan(1)).isFalse();
        byte[] longValue = bytes("x".repeat(HashValue.PACKED_MAX_LENGTH + 1));
        assertThat(hash.fields().put(Key.of("b"), longValue)).isEqualTo(bytes("1"));
        assertThat(hash.packed()).isNull();
        assertThat(hash.fields().keySet()).containsExactly(Key.of("b"), Key.of("a"));
        assertThat(hash.get(Key.of("b"))).isEqualTo(longValue);
        assertThat(hash.anyLongerThan(HashValue.PACKED_MAX_LENGTH)).isTrue();
    }

    @Test
    void theViewsIteratorRemovesAndStaysOnItsSnapshot() {
        HashValue hash = new HashValue();
        for (int i = 0; i < 10; i++) {
            hash.put(Key.of("f" + i), bytes("v" + i));
        }
        List<Key> seen = new ArrayList<>();
        for (Iterator<Map.Entry<Key, byte[]>> it = hash.fields().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, byte[]> e = it.next();
            seen.add(e.getKey());
            assertThat(e.getValue()).isEqualTo(bytes("v" + e.getKey().toString().substring(1)));
            if (seen.size() % 2 == 0) {
                it.remove();
            }
        }
        assertThat(seen).hasSize(10);
        assertThat(hash.size()).isEqualTo(5);
        assertThat(hash.fields().keySet()).containsExactly(Key.of("f0"), Key.of("f2"), Key.of("f4"), Key.of("f6"), Key.of("f8"));
        assertThat(hash.fields().containsKey(Key.of("f1"))).isFalse();
        assertThat(hash.fields().get("f0")).isNull(); // not a Key
    }

    @Test
    void aCopyIsIndependentInBothForms() {
        for (int count : new int[] {3, 300}) {
            HashValue hash = new HashValue();
            for (int i = 0; i < count; i++) {
                hash.put(Key.of("f" + i), bytes("v" + i));
            }
            HashValue copy = (HashValue) hash.copy();
            hash.put(Key.of("f0"), bytes("changed"));
            hash.remove(Key.of("f1"));
            hash.put(Key.of("new"), bytes("n"));
            assertThat(copy.size()).isEqualTo(count);
            assertThat(copy.get(Key.of("f0"))).isEqualTo(bytes("v0"));
            assertThat(copy.get(Key.of("f1"))).isEqualTo(bytes("v1"));
            assertThat(copy.containsKey(Key.of("new"))).isFalse();
        }
    }

    @Test
    void anOverwriteOfTheSameLengthEditsInPlaceAndACopySharesNoBytes() {
        for (int count : new int[] {3, 300}) {
            HashValue hash = filled(count);
            Object before = count == 3 ? hash.packed() : hash.fields().get(Key.of("f0"));
            HashValue copy = (HashValue) hash.copy();
            assertThat(hash.set(Key.of("f0"), bytes("w0"))).isFalse();
            assertThat(count == 3 ? hash.packed() : hash.fields().get(Key.of("f0"))).isSameAs(before);
            assertThat(hash.get(Key.of("f0"))).isEqualTo(bytes("w0"));
            assertThat(copy.get(Key.of("f0"))).isEqualTo(bytes("v0"));
            assertThat(copy.set(Key.of("f1"), bytes("c1"))).isFalse();
            assertThat(hash.get(Key.of("f1"))).isEqualTo(bytes("v1"));
        }
    }

    @Test
    void theCallersBytesAreNeverKeptSoNeverEdited() {
        for (int count : new int[] {3, 300}) {
            HashValue hash = filled(count);
            byte[] argument = bytes("a0"); // a command's argument: a slow log or a queue may still hold it
            hash.set(Key.of("f0"), argument);
            hash.put(Key.of("f1"), bytes("a1"));
            hash.set(Key.of("f0"), bytes("b0"));
            assertThat(argument).isEqualTo(bytes("a0"));
            assertThat(hash.get(Key.of("f0"))).isEqualTo(bytes("b0"));
        }
    }

    @Test
    void aHashWithMetadataNeverEditsBytesItWasHandedByItsOwner() {
        HashValue hash = filled(300);
        byte[] held = bytes("h0"); // the Active-Active layer's state holds the bytes it puts
        hash.fields().put(Key.of("f0"), held);
        hash.meta(() -> null);
        hash.set(Key.of("f0"), bytes("w0"));
        assertThat(held).isEqualTo(bytes("h0"));
        assertThat(hash.get(Key.of("f0"))).isEqualTo(bytes("w0"));
    }

    /** Fields f0.. with values v0.., each set as new: packed up to 128 fields, else a table. */
    private static HashValue filled(int count) {
        HashValue hash = new HashValue();
        for (int i = 0; i < count; i++) {
            assertThat(hash.set(Key.of("f" + i), bytes("v" + i))).isTrue();
        }
        return hash;
    }

    private static void assertSame(HashValue hash, Map<Key, byte[]> expected, List<Key> expectedOrder) {
        assertThat(hash.size()).isEqualTo(expected.size());
        List<Key> order = new ArrayList<>();
        hash.fields().forEach((f, v) -> {
            order.add(f);
            assertThat(v).isEqualTo(expected.get(f));
        });
        assertThat(order).containsExactlyElementsOf(expectedOrder);
        for (Key f : expected.keySet()) {
            assertThat(hash.containsKey(f)).isTrue();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
