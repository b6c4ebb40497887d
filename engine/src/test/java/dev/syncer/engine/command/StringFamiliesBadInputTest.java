package dev.syncer.engine.command;

import dev.syncer.engine.testing.DirectShard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random arguments and tampered HyperLogLog bytes never make a bitmap, BITFIELD, LCS, HyperLogLog
 * or geo command throw past its handler: every call answers (a reply or Redis's error) and the
 * shard keeps serving.
 */
class StringFamiliesBadInputTest {

    private static final String[] COMMANDS = {"SETBIT", "GETBIT", "BITCOUNT", "BITPOS", "BITOP", "BITFIELD",
        "BITFIELD_RO", "LCS", "PFADD", "PFCOUNT", "PFMERGE", "PFDEBUG", "GEOADD", "GEOPOS", "GEODIST", "GEOHASH",
        "GEORADIUS", "GEORADIUSBYMEMBER", "GEOSEARCH", "GEOSEARCHSTORE"};
    private static final String[] TOKENS = {"s", "h", "l", "z", "g", "nosuch", "0", "1", "-1", "7", "63", "64", "65",
        "#3", "#-1", "i8", "u8", "i64", "u63", "u64", "i0", "GET", "SET", "INCRBY", "OVERFLOW", "SAT", "FAIL", "WRAP",
        "BIT", "BYTE", "AND", "OR", "XOR", "NOT", "IDX", "LEN", "MINMATCHLEN", "WITHMATCHLEN", "GETREG", "DECODE",
        "TODENSE", "ENCODING", "9223372036854775807", "-9223372036854775808", "4294967295", "1e400", "nan", "inf",
        "-inf", "13.36", "38.11", "180", "-85.06", "km", "mi", "FROMMEMBER", "FROMLONLAT", "BYRADIUS", "BYBOX",
        "COUNT", "ANY", "ASC", "DESC", "WITHDIST", "WITHHASH", "WITHCOORD", "STORE", "STOREDIST", "", "x"};

    private final DirectShard s = new DirectShard("proto-max-bulk-len", "1048576");

    @AfterEach
    void close() {
        s.close();
    }

    private void seed() {
        s.call("SET", "s", "foobar");
        s.call("PFADD", "h", "a", "b", "c");
        s.call("RPUSH", "l", "x");
        s.call("ZADD", "z", "-5", "neg", "1e300", "huge");
        s.call("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
    }

    @Test
    void randomArgumentsGetAReplyOrRedisErrorNeverAnException() {
        Random r = new Random(4242);
        seed();
        for (int i = 0; i < 5_000; i++) {
            List<String> argv = new ArrayList<>();
            argv.add(COMMANDS[r.nextInt(COMMANDS.length)]);
            int n = r.nextInt(9);
            for (int j = 0; j < n; j++) {
                argv.add(TOKENS[r.nextInt(TOKENS.length)]);
            }
            String[] command = argv.toArray(String[]::new);
            assertThat(s.callRaw(command)).as(String.join(" ", command)).isNotEmpty();
            if (i % 500 == 0) {
                s.call("FLUSHALL");
                seed();
            }
        }
        assertThat(s.call("PING")).isEqualTo("PONG");
    }

    @Test
    void tamperedHyperLogLogsAreReportedAsCorruptNeverThrown() {
        Random r = new Random(77);
        List<byte[]> originals = new ArrayList<>();
        for (int size : new int[] {1, 20, 300, 3000}) {
            HyperLogLog h = HyperLogLog.empty();
            for (int i = 0; i < size; i++) {
                h.add(("e" + i).getBytes(StandardCharsets.UTF_8), 3000);
            }
            originals.add(h.bytes());
        }
        for (int round = 0; round < 800; round++) {
            byte[] bytes = originals.get(r.nextInt(originals.size())).clone();
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                bytes[HyperLogLog.HEADER + r.nextInt(bytes.length - HyperLogLog.HEADER)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(5) == 0 && bytes.length != HyperLogLog.DENSE_SIZE) {
                bytes = java.util.Arrays.copyOf(bytes, HyperLogLog.HEADER + r.nextInt(bytes.length - HyperLogLog.HEADER));
            }
            s.callRaw(new byte[][] {b("SET"), b("t"), bytes});
            for (String[] c : List.of(new String[] {"PFCOUNT", "t"}, new String[] {"PFADD", "t", "x" + round, "y"},
                    new String[] {"PFCOUNT", "t", "h"}, new String[] {"PFMERGE", "m", "t"},
                    new String[] {"PFDEBUG", "DECODE", "t"}, new String[] {"PFDEBUG", "GETREG", "t"})) {
                assertThat(s.callRaw(c)).as(String.join(" ", c)).isNotEmpty();
            }
        }
        assertThat(s.call("PING")).isEqualTo("PONG");
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
