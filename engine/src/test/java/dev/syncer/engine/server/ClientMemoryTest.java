package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's memory as Redis 7.0's getClientMemoryUsage adds it up (64-bit structure sizes). */
class ClientMemoryTest {

    @Test
    void anIdleClientHoldsItsStructAndReplyBuffer() {
        assertThat(ClientMemory.getClientMemoryUsage(new ClientMemory.Parts(0, 0, 0, 0, 0, 0, 0)))
                .isEqualTo(ClientMemory.CLIENT_STRUCT);
    }

    @Test
    void everyPartAddsUp() {
        long usage = ClientMemory.getClientMemoryUsage(new ClientMemory.Parts(1_000, 26, 10, 2, 300, 3, 7));
        // output, query buffer, argv lengths and a pointer each, MULTI's argv and a multiCmd each, structures
        assertThat(usage).isEqualTo(ClientMemory.CLIENT_STRUCT + 1_000 + 26 + 10 + 16 + 300 + 72 + 7);
    }

    @Test
    void aBigArgumentHoldsItsAnnouncedLengthAtOnceASmallOneWhatArrived() {
        assertThat(ClientMemory.queryBuffer(100, 1_000_000)).isEqualTo(1_000_002);
        assertThat(ClientMemory.queryBuffer(2_000_000, 1_000_000)).isEqualTo(2_000_000); // pipelined behind it
        assertThat(ClientMemory.queryBuffer(100, 1_000)).isEqualTo(100);
        assertThat(ClientMemory.queryBuffer(100, 0)).isEqualTo(100);
    }

    @Test
    void dictsHaveAPowerOfTwoTableOfAtLeastFourSlots() {
        assertThat(ClientMemory.dict(0)).isZero();
        assertThat(ClientMemory.dict(1)).isEqualTo(24 + 4 * 8);
        assertThat(ClientMemory.dict(4)).isEqualTo(4 * 24 + 4 * 8);
        assertThat(ClientMemory.dict(5)).isEqualTo(5 * 24 + 8 * 8);
        assertThat(ClientMemory.subscriptions(2, 1, 0)).isEqualTo(2 * 24 + 24 + 4 * 8);
    }

    @Test
    void watchedKeysAndTrackingPrefixesCostPerEntry() {
        assertThat(ClientMemory.watchedKeys(10)).isEqualTo(10 * (24 + 32));
        assertThat(ClientMemory.trackingPrefixes(3)).isEqualTo(3 * 2 * 32);
        assertThat(ClientMemory.argvLength(new byte[][] {"SET".getBytes(), "k".getBytes(), "value".getBytes()})).isEqualTo(9);
    }
}
