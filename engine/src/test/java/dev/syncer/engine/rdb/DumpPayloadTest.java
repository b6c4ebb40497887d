package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.testing.KeyspaceContent;
import dev.syncer.engine.testing.SampleData;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpPayloadTest {

    @Test
    void dumpOfAStringIsWhatRedisReturns() {
        // redis-cli DUMP of "hello" on 7.0.15: "\x00\x05hello\n\x00cr\xdfve4 \n"
        byte[] payload = DumpPayload.dump(StringValue.of("hello"), true);
        assertThat(HexFormat.of().formatHex(payload)).isEqualTo("000568656c6c6f0a006372df766534200a");
        assertThat(DumpPayload.verify(payload)).isTrue();
    }

    @Test
    void everySampleValueSurvivesDumpAndRestore() throws Exception {
        Keyspace ks = RdbVectorsTest.freshKeyspace();
        SampleData.fill(ks, 3);
        int[] checked = {0};
        ks.db(0).forEach((key, value, at) -> {
            try {
                RedisValue back = DumpPayload.restore(DumpPayload.dump(value, true));
                assertThat(KeyspaceContent.entry(back, -1)).isEqualTo(KeyspaceContent.entry(value, -1));
                checked[0]++;
            } catch (RdbException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(checked[0]).isEqualTo(ks.db(0).size());
    }

    @Test
    void aFlippedByteOrANewerVersionFailsVerification() {
        byte[] payload = DumpPayload.dump(StringValue.of("hello"), true);
        byte[] flipped = payload.clone();
        flipped[3] ^= 1;
        byte[] newer = payload.clone();
        newer[payload.length - 10] = 12;
        assertThat(DumpPayload.verify(flipped)).isFalse();
        assertThat(DumpPayload.verify(newer)).isFalse();
        assertThat(DumpPayload.verify(new byte[9])).isFalse();
    }

    @Test
    void aBodyThatDoesNotDecodeIsRefused() {
        byte[] body = {2, 3, 1, 'a'}; // a set claiming 3 members, holding one
        assertThatThrownBy(() -> DumpPayload.restore(withFooter(body))).isInstanceOf(RdbException.class)
                .hasMessageContaining("unexpected end");
    }

    private static byte[] withFooter(byte[] body) {
        byte[] p = java.util.Arrays.copyOf(body, body.length + 10);
        p[body.length] = 10;
        long crc = Crc64.of(p, 0, body.length + 2);
        for (int i = 0; i < 8; i++) {
            p[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }
}
