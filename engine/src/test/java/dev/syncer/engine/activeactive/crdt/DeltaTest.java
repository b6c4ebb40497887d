package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaTest {

    private static Key key(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keysKeepTheOrderFirstTouchedAndTheirStatePastTheLookupMap() {
        Delta d = new Delta(new Tag(10, "east"));
        List<KeyState> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // past the array scan: lookups go through the map
            first.add(d.key(key("k" + i)));
        }
        for (int i = 19; i >= 0; i--) {
            assertThat(d.key(key("k" + i))).isSameAs(first.get(i));
        }
        assertThat(d.size()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(d.keyAt(i)).isEqualTo(key("k" + i));
            assertThat(d.stateAt(i)).isSameAs(first.get(i));
        }
        assertThat(d.keys().keySet()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> key("k" + i)).toList());
    }

    @Test
    void aJoinReportsEveryChangedElementWhetherOneOrSeveral() {
        KeyState state = new KeyState();
        KeyState one = new KeyState();
        one.write(ElementKind.HASH, key("f1"), new Tag(10, "east"), "a".getBytes(StandardCharsets.UTF_8));
        Changes c1 = state.join(one);
        assertThat(c1.any()).isTrue();
        assertThat(c1.elements(ElementKind.HASH)).containsExactly(key("f1"));
        assertThat(c1.elements(ElementKind.SET)).isEmpty();

        KeyState three = new KeyState();
        Tag t = new Tag(11, "west");
        three.write(ElementKind.HASH, key("f2"), t, "b".getBytes(StandardCharsets.UTF_8));
        three.write(ElementKind.HASH, key("f3"), t, "c".getBytes(StandardCharsets.UTF_8));
        three.write(ElementKind.EXPIRY, KeyState.UNNAMED, t, 5_000L);
        Changes c3 = state.join(three);
        assertThat(c3.elements(ElementKind.HASH)).containsExactlyInAnyOrder(key("f2"), key("f3"));
        assertThat(c3.elements(ElementKind.EXPIRY)).containsExactly(KeyState.UNNAMED);

        assertThat(state.join(three).any()).as("joined twice: nothing changes").isFalse();
    }
}
