package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a replies corpus cannot say in text: DUMP payloads carry the encoding the server holds a
 * value in (the type byte must equal redis-server's for the same writes and settings), and RESTORE
 * with IDLETIME / FREQ sets what OBJECT then reports.
 */
class ObjectMatchesRealRedisIT {

    /** Steps run on both servers; after each, every key's DUMP type byte is compared. */
    private static final String[][] STEPS = {
        {"HSET", "h", "f", "v"},
        {"HSET", "h", "f", "x".repeat(65)},
        {"HSET", "h", "f", "short"},
        {"SADD", "s", "1", "2"},
        {"SADD", "s", "a"},
        {"SREM", "s", "a"},
        {"ZADD", "z", "1", "a"},
        {"SORT", "z", "ALPHA"},
        {"CONFIG", "SET", "hash-max-listpack-entries", "1000"},
        {"CONFIG", "SET", "zset-max-listpack-entries", "1"},
        {"ZADD", "z2", "1", "a"},
        {"ZADD", "z3", "1", "a", "2", "b"},
        {"SET", "str", "12"},
    };

    @Test
    void dumpPayloadsCarryTheSameEncodingAsRedis() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            List<String> mismatches = new ArrayList<>();
            for (String[] step : STEPS) {
                real.call(step);
                ours.call(step);
                for (String key : new String[] {"h", "s", "z", "z2", "z3", "str"}) {
                    Object a = real.call("DUMP", key);
                    Object b = ours.call("DUMP", key);
                    String expected = a instanceof byte[] p ? Integer.toString(p[0] & 0xff) : String.valueOf(a);
                    String actual = b instanceof byte[] p ? Integer.toString(p[0] & 0xff) : String.valueOf(b);
                    if (!expected.equals(actual)) {
                        mismatches.add(String.join(" ", step) + " / " + key + ": redis " + expected + ", shard " + actual);
                    }
                }
            }
            List<String> hset = new ArrayList<>(List.of("HSET", "big"));
            for (int i = 0; i < 600; i++) {
                hset.add("f" + i);
                hset.add("v");
            }
            real.call(hset.toArray(String[]::new));
            ours.call(hset.toArray(String[]::new));
            assertThat(((byte[]) ours.call("DUMP", "big"))[0]).isEqualTo(((byte[]) real.call("DUMP", "big"))[0]);
            assertThat(mismatches).isEmpty();
        }
    }

    @Test
    void restoreIdletimeAndFreqAreReportedByObjectAsRedisDoes() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            real.call("SET", "k", "v");
            byte[] payload = (byte[]) real.call("DUMP", "k");
            for (RespClient c : List.of(real, ours)) {
                c.callBytes(b("RESTORE"), b("idle"), b("0"), payload, b("IDLETIME"), b("1000"));
                c.callBytes(b("RESTORE"), b("freq"), b("0"), payload, b("FREQ"), b("42"));
            }
            // idle times are read off second-resolution clocks (Redis's refreshed by its cron): some slack
            assertThat((Long) real.call("OBJECT", "IDLETIME", "idle")).isBetween(1000L, 1010L);
            assertThat((Long) ours.call("OBJECT", "IDLETIME", "idle")).isBetween(1000L, 1002L);
            for (RespClient c : List.of(real, ours)) {
                c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
                c.callBytes(b("RESTORE"), b("freq2"), b("0"), payload, b("FREQ"), b("42"));
            }
            assertThat(ours.call("OBJECT", "FREQ", "freq2")).isEqualTo(real.call("OBJECT", "FREQ", "freq2"))
                    .isEqualTo(42L);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
