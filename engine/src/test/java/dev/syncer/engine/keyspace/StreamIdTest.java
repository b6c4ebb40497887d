package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StreamIdTest {

    @Test
    void bytesAreTheTextOfBothPartsUnsigned() {
        long[] parts = {0, 1, 9, 10, 99, 1_765_000_000_123L, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long ms : parts) {
            for (long seq : parts) {
                StreamId id = new StreamId(ms, seq);
                assertThat(new String(id.bytes(), StandardCharsets.US_ASCII))
                        .isEqualTo(Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq));
            }
        }
    }
}
