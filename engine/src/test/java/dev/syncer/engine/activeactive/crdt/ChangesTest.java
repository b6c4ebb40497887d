package dev.syncer.engine.activeactive.crdt;

import dev.syncer.engine.keyspace.Key;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChangesTest {

    private static Key key(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesEveryChangedElementByKindInTheOrderChanged() {
        Tag tag = new Tag(10, "east");
        for (int fields = 1; fields <= 4; fields++) { // in fields up to two, then in the map
            KeyState delta = new KeyState();
            delta.write(ElementKind.EXPIRY, KeyState.UNNAMED, tag, -1L);
            for (int f = 0; f < fields; f++) {
                delta.write(ElementKind.HASH, key("f" + f), tag, new byte[] {'v'});
            }
            Changes changes = new KeyState().join(delta);
            assertThat(changes.any()).isTrue();
            assertThat(changes.wide()).isFalse();
            assertThat(changes.elements(ElementKind.EXPIRY)).containsExactly(KeyState.UNNAMED);
            assertThat(changes.elements(ElementKind.HASH)).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, fields).mapToObj(f -> key("f" + f)).toList());
            assertThat(changes.elements(ElementKind.STRING)).isEmpty();
        }
        Changes none = new KeyState().join(new KeyState());
        assertThat(none.any()).isFalse();
        assertThat(none.elements(ElementKind.HASH)).isEmpty();
    }
}
