package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Encoding;
import dev.syncer.engine.keyspace.HashValue;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.SetValue;
import dev.syncer.engine.keyspace.ZSetValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer saves a value in the encoding the server holds it in, as rdbSaveObject does. */
class ValueEncoderEncodingTest {

    @Test
    void aSmallHashThatOutgrewItsListpackIsSavedAsAHashtable() throws RdbException {
        HashValue h = new HashValue();
        h.fields().put(Key.of("f"), "v".getBytes(StandardCharsets.US_ASCII));
        assertThat(typeOf(DumpPayload.dump(h, false))).isEqualTo(RdbType.HASH_LISTPACK.id);
        h.encoding(Encoding.HASHTABLE);
        byte[] payload = DumpPayload.dump(h, false);
        assertThat(typeOf(payload)).isEqualTo(RdbType.HASH.id);
        assertThat(((HashValue) DumpPayload.restore(payload)).fields()).containsOnlyKeys(Key.of("f"));
    }

    @Test
    void aHashKeptAsAListpackUnderARaisedLimitIsSavedAsAListpack() throws RdbException {
        HashValue h = new HashValue();
        for (int i = 0; i < 600; i++) {
            h.fields().put(Key.of("f" + i), "v".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(typeOf(DumpPayload.dump(h, false))).isEqualTo(RdbType.HASH.id);
        h.encoding(Encoding.LISTPACK);
        byte[] payload = DumpPayload.dump(h, false);
        assertThat(typeOf(payload)).isEqualTo(RdbType.HASH_LISTPACK.id);
        assertThat(((HashValue) DumpPayload.restore(payload)).size()).isEqualTo(600);
    }

    @Test
    void setsAndSortedSetsFollowTheirEncodingToo() {
        SetValue s = new SetValue();
        s.members().add(Key.of("1"));
        s.encoding(Encoding.HASHTABLE);
        assertThat(typeOf(DumpPayload.dump(s, false))).isEqualTo(RdbType.SET.id);
        ZSetValue z = new ZSetValue();
        z.put(Key.of("a"), 1);
        z.encoding(Encoding.SKIPLIST);
        assertThat(typeOf(DumpPayload.dump(z, false))).isEqualTo(RdbType.ZSET_2.id);
    }

    private static int typeOf(byte[] payload) {
        return payload[0] & 0xff;
    }
}
