package dev.syncer.engine.activeactive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterIdsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameBytesGiveTheSameStringAndInvalidOnesNone() {
        ClusterIds ids = new ClusterIds();
        String east = ids.of(b("east"));
        assertThat(east).isEqualTo("east");
        assertThat(ids.of(b("east"))).isSameAs(east);
        assertThat(ids.of(b("west"))).isEqualTo("west");
        assertThat(ids.of(b("no spaces"))).isNull();
        assertThat(ids.of(b(""))).isNull();
    }

    @Test
    void moreClustersThanSlotsStillDecodeEachCorrectly() {
        ClusterIds ids = new ClusterIds();
        byte[] mutable = b("c0");
        assertThat(ids.of(mutable)).isEqualTo("c0");
        mutable[1] = '9'; // the cache keeps its own copy of the bytes
        assertThat(ids.of(b("c0"))).isEqualTo("c0");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                assertThat(ids.of(b("c" + i))).isEqualTo("c" + i);
            }
        }
    }
}
