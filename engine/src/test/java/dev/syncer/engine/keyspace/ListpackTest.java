package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Elements of any length read back as written, and the edits leave the array they were given alone. */
class ListpackTest {

    @Test
    void elementsOfEveryLengthClassReadBack() {
        List<byte[]> elements = List.of(bytes(""), bytes("a"), bytes("x".repeat(127)), bytes("y".repeat(128)),
                bytes("z".repeat(20_000)));
        byte[] lp = Listpack.replace(Listpack.EMPTY, 0, 0, elements.toArray(byte[][]::new));
        assertThat(read(lp)).containsExactlyElementsOf(elements);
        assertThat(Listpack.find(lp, bytes("y".repeat(128)), 1)).isEqualTo(Listpack.seek(lp, 3));
        assertThat(Listpack.find(lp, bytes("y".repeat(127)), 1)).isEqualTo(-1);
        assertThat(Listpack.seek(lp, 5)).isEqualTo(lp.length);
    }

    @Test
    void movingTheLastIntoAPlaceKeepsTheOthers() {
        byte[] lp = Listpack.replace(Listpack.EMPTY, 0, 0, bytes("a"), bytes("bb"), bytes("ccc"), bytes("dddd"));
        byte[] before = lp.clone();
        assertThat(read(Listpack.moveLastInto(lp, Listpack.seek(lp, 1)))).containsExactly(bytes("a"), bytes("dddd"), bytes("ccc"));
        assertThat(read(Listpack.moveLastInto(lp, Listpack.seek(lp, 3)))).containsExactly(bytes("a"), bytes("bb"), bytes("ccc"));
        assertThat(read(Listpack.moveLastInto(lp, 0))).containsExactly(bytes("dddd"), bytes("bb"), bytes("ccc"));
        assertThat(lp).isEqualTo(before);
    }

    private static List<byte[]> read(byte[] lp) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < lp.length; off = Listpack.next(lp, off)) {
            out.add(Listpack.element(lp, off));
        }
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
