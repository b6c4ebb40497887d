package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEBUG OBJECT, DUMP of lists under list-max-listpack-size, and MEMORY's replies beside a real
 * redis-server: the parts that do not depend on addresses or the allocator must be equal.
 */
class DebugObjectMatchesRealRedisIT {

    @Test
    void debugObjectReportsRedisEncodingLengthAndQuicklistNodes() {
        try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            List<String> mismatches = new ArrayList<>();
            for (String fill : new String[] {"-2", "4", "-1", "1", "0"}) {
                for (RespClient c : List.of(real, ours)) {
                    c.call("FLUSHALL");
                    c.call("CONFIG", "SET", "list-max-listpack-size", fill);
                    List<String> rpush = new ArrayList<>(List.of("RPUSH", "l"));
                    for (int i = 0; i < 300; i++) {
                        rpush.add(i % 3 == 0 ? Integer.toString(i) : "element-" + "x".repeat(i % 40) + i);
                    }
                    c.call(rpush.toArray(String[]::new));
                    c.call("HSET", "h", "f", "v");
                    c.call("SET", "s", "a".repeat(100));
                    c.call("SET", "n", "12345");
                }
                for (String key : new String[] {"l", "h", "s", "n"}) {
                    String a = stable((String) real.call("DEBUG", "OBJECT", key));
                    String b = stable((String) ours.call("DEBUG", "OBJECT", key));
                    if (!a.equals(b)) {
                        mismatches.add("fill " + fill + " " + key + ": redis " + a + " / shard " + b);
                    }
                }
                if (!Arrays.equals((byte[]) real.call("DUMP", "l"), (byte[]) ours.call("DUMP", "l"))) {
                    mismatches.add("fill " + fill + ": DUMP l differs");
                }
            }
            assertThat(mismatches).isEmpty();
            assertThat(ours.call("DEBUG", "OBJECT", "missing")).isEqualTo(real.call("DEBUG", "OBJECT", "missing"));
            assertThat(ours.call("DEBUG", "LISTPACK", "h")).isEqualTo(real.call("DEBUG", "LISTPACK", "h"));
            assertThat(ours.call("DEBUG", "LISTPACK", "l")).isEqualTo(real.call("DEBUG", "LISTPACK", "l"));
        }
    }

    @Test
    void memoryRepliesAndErrorsAreRedis() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (RespClient c : List.of(real, ours)) {
                c.call("RPUSH", "l", "a", "b", "c");
            }
            String[][] calls = {
                {"MEMORY", "USAGE", "missing"},
                {"MEMORY", "USAGE", "l", "SAMPLES", "-1"},
                {"MEMORY", "USAGE", "l", "SAMPLES", "x"},
                {"MEMORY", "USAGE", "l", "FOO"},
                {"MEMORY", "USAGE"},
                {"MEMORY", "STATS", "x"},
                {"MEMORY", "NOPE"},
                {"MEMORY", "PURGE"},
                {"MEMORY", "HELP"},
            };
            for (String[] call : calls) {
                assertThat(String.valueOf(show(ours.call(call)))).as(String.join(" ", call))
                        .isEqualTo(String.valueOf(show(real.call(call))));
            }
            assertThat((Long) ours.call("MEMORY", "USAGE", "l", "SAMPLES", "0")).isPositive();
            List<?> stats = (List<?>) ours.call("MEMORY", "STATS");
            List<?> realStats = (List<?>) real.call("MEMORY", "STATS");
            assertThat(names(stats)).isEqualTo(names(realStats));
        }
    }

    /** DEBUG OBJECT without what differs by nature: the address, the LRU clock and idle time. */
    private static String stable(String reply) {
        return reply.replaceAll("Value at:\\S+ ", "").replaceAll(" lru:\\d+ lru_seconds_idle:\\d+", "");
    }

    private static Object show(Object reply) {
        return reply instanceof List<?> l ? l.stream().map(DebugObjectMatchesRealRedisIT::show).toList()
                : reply instanceof byte[] b ? new String(b) : reply;
    }

    /** The field names of a MEMORY STATS reply (every other element; db.N's map left out). */
    private static List<String> names(List<?> stats) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stats.size(); i += 2) {
            out.add(String.valueOf(show(stats.get(i))));
        }
        return out;
    }
}
