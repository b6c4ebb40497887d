package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the same pseudo-random data (every type, small and large collections so Redis uses each
 * of its encodings, TTLs, four databases) into redis-server 7.0 and a shard, and requires the same
 * DEBUG DIGEST — and, to point at a culprit if not, the same DEBUG DIGEST-VALUE for every key.
 */
class DigestMatchesRealRedisIT {

    @Test
    void debugDigestEqualsRealRedisForTheSameData() {
        List<String[]> workload = workload(new Random(20240607), 3000);
        try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
             TestShard shard = TestShard.start();
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            List<Object> realReplies = pipeline(real, workload);
            List<Object> ourReplies = pipeline(ours, workload);
            for (int i = 0; i < workload.size(); i++) {
                assertThat(RespClient.text(ourReplies.get(i))).as(String.join(" ", workload.get(i)))
                        .isEqualTo(RespClient.text(realReplies.get(i)));
            }
            for (int db = 0; db < 4; db++) {
                real.call("SELECT", Integer.toString(db));
                ours.call("SELECT", Integer.toString(db));
                List<?> keys = (List<?>) real.call("KEYS", "*");
                assertThat(keys).as("db %d is populated", db).hasSizeGreaterThan(50);
                for (Object key : keys) {
                    String k = RespClient.text(key);
                    assertThat(RespClient.text(((List<?>) ours.call("DEBUG", "DIGEST-VALUE", k)).get(0)))
                            .as("DIGEST-VALUE of %s in db %d", k, db)
                            .isEqualTo(RespClient.text(((List<?>) real.call("DEBUG", "DIGEST-VALUE", k)).get(0)));
                }
            }
            Object digest = real.call("DEBUG", "DIGEST");
            assertThat(digest).isNotEqualTo("0".repeat(40));
            assertThat(ours.call("DEBUG", "DIGEST")).isEqualTo(digest);
        }
    }

    private static List<Object> pipeline(RespClient client, List<String[]> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] c : commands) {
            out.writeBytes(RespClient.encode(c));
        }
        client.send(out.toByteArray());
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            replies.add(client.read());
        }
        return replies;
    }

    /** Deterministic writes whose outcome does not depend on randomness or on the clock. */
    private static List<String[]> workload(Random r, int n) {
        List<String[]> out = new ArrayList<>();
        // Collections past Redis's listpack/intset limits, so its hashtable and skiplist encodings digest too.
        for (int i = 0; i < 600; i++) {
            out.add(new String[] {"ZADD", "bigz", Double.toString(r.nextDouble() * 1e6), "m" + i});
            out.add(new String[] {"HSET", "bigh", "f" + i, "v" + r.nextLong()});
            out.add(new String[] {"SADD", "bigs", "m" + r.nextLong()});
            out.add(new String[] {"SADD", "ints", Integer.toString(r.nextInt())});
            out.add(new String[] {"RPUSH", "bigl", "e" + i});
        }
        out.add(new String[] {"EXPIRE", "bigz", "100000"});
        for (int i = 0; i < n; i++) {
            if (i % 200 == 0) {
                out.add(new String[] {"SELECT", Integer.toString(r.nextInt(4))});
            }
            String k = Integer.toString(r.nextInt(40));
            String member = "m" + r.nextInt(r.nextBoolean() ? 10 : 400);
            String number = Integer.toString(r.nextInt(2000) - 1000);
            String score = r.nextBoolean() ? number : Double.toString(r.nextGaussian() * 1e3);
            out.add(switch (r.nextInt(22)) {
                case 0, 1 -> new String[] {"SET", "s" + k, "v" + number};
                case 2 -> new String[] {"SET", "s" + k, number, "EX", "100000"};
                case 3 -> new String[] {"INCRBYFLOAT", "f" + k, r.nextInt(100) + "." + r.nextInt(100)};
                case 4 -> new String[] {"APPEND", "s" + k, member};
                case 5, 6 -> new String[] {r.nextBoolean() ? "RPUSH" : "LPUSH", "l" + k, member, number};
                case 7 -> new String[] {"LPOP", "l" + k};
                case 8, 9 -> new String[] {"HSET", "h" + k, member, score};
                case 10 -> new String[] {"HDEL", "h" + k, member};
                case 11, 12 -> new String[] {"SADD", "t" + k, r.nextBoolean() ? member : number};
                case 13 -> new String[] {"SREM", "t" + k, member};
                case 14, 15 -> new String[] {"ZADD", "z" + k, score, member};
                case 16 -> new String[] {"ZINCRBY", "z" + k, score, member};
                case 17 -> new String[] {"ZREM", "z" + k, member};
                case 18 -> new String[] {"EXPIRE", prefix(r) + k, "100000"};
                case 19 -> new String[] {"PERSIST", prefix(r) + k};
                case 20 -> new String[] {"DEL", prefix(r) + k};
                default -> new String[] {"HINCRBY", "h" + k, "n" + member, number};
            });
        }
        return out;
    }

    private static String prefix(Random r) {
        return List.of("s", "f", "l", "h", "t", "z").get(r.nextInt(6));
    }
}
