package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A segment's keys' array exists only while it holds a value object; packed strings carry their keys. */
class SegmentTest {

    @Test
    void smallStringsNeedNoKeysArrayAndAValueObjectKeepsItsKeyThroughGrowthAndShrinking() {
        Segment segment = new Segment();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Key key = Key.of("key:" + i);
            keys.add(key);
            segment.put(key, StringValue.of("value:" + i));
        }
        assertThat(segment.holdsKeyObjects()).isFalse();

        Key hash = Key.of("hash");
        segment.put(hash, new HashValue());
        Segment frozen = segment.freeze();
        assertThat(segment.holdsKeyObjects()).isTrue();
        for (int i = 0; i < 2000; i++) { // grows the table with the value object in it
            segment.put(Key.of("more:" + i), StringValue.of("v"));
        }
        assertThat(segment.key(segment.find(hash))).isEqualTo(hash);
        assertThat(segment.value(segment.find(hash))).isInstanceOf(HashValue.class);
        for (Key key : keys) {
            assertThat(segment.key(segment.find(key))).isEqualTo(key);
        }

        segment.remove(segment.find(hash));
        for (int i = 0; i < 2000; i++) { // shrinks the table: the keys' array goes with its last key
            segment.remove(segment.find(Key.of("more:" + i)));
        }
        assertThat(segment.find(hash)).isEqualTo(-1);
        assertThat(segment.holdsKeyObjects()).isFalse();
        assertThat(segment.size()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            assertThat(((StringValue) segment.value(segment.find(keys.get(i)))).bytes()).isEqualTo(("value:" + i).getBytes());
        }
        assertThat(frozen.value(frozen.find(hash))).isInstanceOf(HashValue.class); // the frozen copy kept its own
        assertThat(frozen.key(frozen.find(hash))).isEqualTo(hash);
    }
}
