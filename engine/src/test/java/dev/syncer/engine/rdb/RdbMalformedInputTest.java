package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.keyspace.Keyspace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input is refused with a clear RdbException saying what, where and for which key. */
class RdbMalformedInputTest {

    private static RdbFile load(byte[] rdb) throws IOException {
        return RdbVectorsTest.load(rdb, RdbVectorsTest.freshKeyspace(), true);
    }

    @Test
    void wrongSignatureIsRefused() {
        byte[] rdb = Vectors.rdb("empty");
        rdb[0] = 'X';
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("wrong signature").hasMessageContaining("at offset 0");
    }

    @Test
    void versionsAfterElevenAreRefused() {
        byte[] rdb = RdbBytes.header(12).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("can't handle RDB format version 12");
    }

    @Test
    void oldVersionsWithoutChecksumLoad() throws IOException {
        byte[] rdb = RdbBytes.header(4).selectDb(0).raw(0).string("k").string("v").raw(0xFF).cut();
        Keyspace ks = RdbVectorsTest.freshKeyspace();

        RdbFile file = RdbVectorsTest.load(rdb, ks, true);

        assertThat(file.version()).isEqualTo(4);
        assertThat(ks.db(0).get(Key.of("k"))).isNotNull();
    }

    @Test
    void everyTruncationIsRefusedAsAnUnexpectedEnd() {
        for (String vector : new String[] {"expiry", "zsets", "fullsync-diskless-payload"}) {
            byte[] full = Vectors.rdb(vector);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThatThrownBy(() -> load(cut)).as("%s cut at %d", vector, len)
                        .isInstanceOf(RdbException.class).hasMessageContaining("unexpected end of RDB");
            }
        }
    }

    @Test
    void wrongChecksumIsRefused() {
        byte[] rdb = Vectors.rdb("strings");
        rdb[rdb.length - 3] ^= 0x40;
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("wrong RDB checksum");
    }

    @Test
    void dataChangedUnderAValidLayoutIsCaughtByTheChecksum() {
        byte[] rdb = Vectors.rdb("expiry");
        int at = indexOf(rdb, "forever".getBytes(StandardCharsets.US_ASCII));
        rdb[at] = 'F';
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("wrong RDB checksum");
    }

    @Test
    void zeroChecksumMeansNotComputedAndIsAccepted() throws IOException {
        byte[] rdb = Vectors.rdb("expiry");
        int at = indexOf(rdb, "forever".getBytes(StandardCharsets.US_ASCII));
        rdb[at] = 'F';
        Arrays.fill(rdb, rdb.length - 8, rdb.length, (byte) 0);
        Keyspace ks = RdbVectorsTest.freshKeyspace();

        RdbVectorsTest.load(rdb, ks, true);

        assertThat(ks.db(0).get(Key.of("nottl"))).isNotNull();
    }

    @Test
    void aStringLengthBeyondTheInputFailsWithoutAllocatingIt() {
        // 0x80 + 4-byte length: claims 2 GB - 32 bytes, then the input ends
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(0).string("big").raw(0x80, 0x7F, 0xFF, 0xFF, 0xE0)
                .raw(new byte[100]).cut();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("unexpected end of RDB").hasMessageContaining("key 'big'");
    }

    @Test
    void aLengthBeyondWhatAnArrayHoldsIsRefused() {
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(0).string("huge")
                .raw(0x81, 0, 0, 0, 1, 0, 0, 0, 0).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("exceeds what this loader holds").hasMessageContaining("key 'huge'");
    }

    @Test
    void anLzfStringClaimingImpossibleExpansionIsRefused() {
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(0).string("z")
                .raw(0xC3, 0x02, 0x80, 0x40, 0, 0, 0, 0x00, 'a').end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("LZF string claims").hasMessageContaining("key 'z'");
    }

    @Test
    void aListpackWhoseHeaderLiesIsRefusedWithItsOffsetAndKey() {
        byte[] lp = new Listpack.Builder().add("f".getBytes()).add("v".getBytes()).finish();
        lp[0] += 3; // total-bytes field no longer matches
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(16).string("h").blob(lp).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("bad listpack (listpack header says")
                .hasMessageContaining("at offset 14").hasMessageContaining("key 'h'");
    }

    @Test
    void aListpackWhoseCountLiesIsRefused() {
        byte[] lp = new Listpack.Builder().add("a".getBytes()).add("b".getBytes()).finish();
        lp[4] = 3;
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(18).string("l").raw(1, 2).blob(lp).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("listpack header says 3 elements but holds 2");
    }

    @Test
    void aZiplistWhoseTailLiesIsRefused() {
        // ziplist "a","b": zlbytes 17, zltail 13, zllen 2, entries [00 01 'a'] [03 01 'b'], end
        byte[] zl = {17, 0, 0, 0, 12, 0, 0, 0, 2, 0, 0, 1, 'a', 3, 1, 'b', (byte) 0xFF};
        byte[] rdb = RdbBytes.header(8).selectDb(0).raw(10).string("l").blob(zl).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("bad ziplist (ziplist header says the last entry is at byte 12 but it is at 13)");
    }

    @Test
    void anUnknownTypeIsRefused() {
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(8).string("k").string("v").end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("unknown RDB type or opcode 8 at offset 11");
    }

    @Test
    void moduleAuxDataIsRefused() {
        byte[] rdb = RdbBytes.header(10).raw(0xF7, 0x80, 0x12, 0x34, 0x56, 0x78).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("module aux data").hasMessageContaining("at offset 9");
    }

    @Test
    void moduleValuesAreRefusedNamingTheKey() {
        byte[] rdb = RdbBytes.header(10).selectDb(3).raw(7).string("mod").raw(0x80, 1, 2, 3, 4).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("unsupported value type 7 (module-value)")
                .hasMessageContaining("(db 3, key 'mod')");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        byte[] rdb = RdbBytes.header(10).selectDb(0).raw(0).string("k").string("1").raw(0).string("k").string("2").end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("duplicated key").hasMessageContaining("key 'k'");
    }

    @Test
    void aDatabaseBeyondTheConfiguredCountIsRefused() {
        byte[] rdb = RdbBytes.header(10).selectDb(16).end();
        assertThatThrownBy(() -> load(rdb)).isInstanceOf(RdbException.class)
                .hasMessageContaining("SELECTDB 16 but this shard has 16 databases");
    }

    @Test
    void theReaderTakesNoByteBeyondTheChecksum() throws IOException {
        byte[] rdb = Vectors.rdb("lists");
        byte[] withTail = Arrays.copyOf(rdb, rdb.length + 5);
        System.arraycopy("+PING".getBytes(StandardCharsets.US_ASCII), 0, withTail, rdb.length, 5);
        ByteArrayInputStream in = new ByteArrayInputStream(withTail);

        new RdbReader(in).read(RdbVectorsTest.freshKeyspace(), true);

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("+PING");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
