package dev.syncer.engine.command;

import dev.syncer.engine.testing.Datasets;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real primary — redis-server 7.0 or valkey-server 8 — running every data family (strings,
 * bitmaps, HyperLogLog, lists, sets, sorted sets, hashes, geo, streams with consumer groups,
 * scripts) under a pipelined load, a shard replicating from it and a real redis-server below the
 * shard: all three end with the same DEBUG DIGEST, so nothing the primary sent was dropped or applied
 * differently on the way. Valkey's full sync also brings RDB version 11.
 */
class EveryFamilyFollowsRealPrimaryIT {

    private static final int COMMANDS = 6000;
    private static final int PIPELINE = 200;

    @ParameterizedTest(name = "{0} primary")
    @ValueSource(strings = {"redis-server", "valkey-server"})
    void aShardReplicaAndTheRedisBelowItEndEqualToTheirPrimary(String primaryKind) {
        String[] primaryOptions = {"--enable-debug-command", "local", "--repl-diskless-sync-delay", "0"};
        try (RealRedis top = primaryKind.equals("valkey-server")
                ? RealRedis.startValkey(primaryOptions) : RealRedis.start(primaryOptions);
             TestShard middle = TestShard.start("replicaof", "127.0.0.1 " + top.port(), "repl-diskless-sync-delay", "0");
             RealRedis bottom = RealRedis.start("--enable-debug-command", "local",
                     "--replicaof", "127.0.0.1", Integer.toString(middle.port()));
             RespClient primary = top.raw()) {
            Datasets.everyType(top.port(), "base");
            awaitInSync(top.port(), middle.port());
            awaitInSync(middle.port(), bottom.port());
            for (String[] step : PropagationMatchesRealRedisIT.familySteps()) {
                pipeline(primary, List.of(step));
            }
            Random random = new Random(20261206);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                batch.add(randomCommand(random));
                if (batch.size() == PIPELINE) {
                    pipeline(primary, batch);
                    batch.clear();
                }
            }
            pipeline(primary, batch);
            awaitInSync(top.port(), middle.port());
            awaitInSync(middle.port(), bottom.port());
            assertThat((Long) primary.call("DBSIZE")).isGreaterThan(20L);
            assertThat(digest(middle.port())).isEqualTo(digest(top.port()));
            assertThat(digest(bottom.port())).isEqualTo(digest(top.port()));
            assertThat(field(top.port(), "stats", "sync_full")).isEqualTo("1");
        }
    }

    /** Sends the commands in one write and reads every reply (errors included: they are expected). */
    private static void pipeline(RespClient client, List<String> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String command : commands) {
            out.writeBytes(RespClient.encode(command.split(" ")));
        }
        client.send(out.toByteArray());
        for (int i = 0; i < commands.size(); i++) {
            client.read();
        }
    }

    private static String randomCommand(Random r) {
        String s = "s" + r.nextInt(6);
        String s2 = "s" + r.nextInt(6);
        String z = "z" + r.nextInt(6);
        String z2 = "z" + r.nextInt(6);
        String l = "l" + r.nextInt(6);
        String l2 = "l" + r.nextInt(6);
        String h = "h" + r.nextInt(4);
        String m = "m" + r.nextInt(40);
        int n = 1 + r.nextInt(4);
        String score = r.nextInt(5) == 0 ? Double.toString(r.nextDouble() * 10) : Integer.toString(r.nextInt(50) - 10);
        String end = r.nextBoolean() ? "LEFT" : "RIGHT";
        String end2 = r.nextBoolean() ? "LEFT" : "RIGHT";
        String x = "x" + r.nextInt(3);
        String b = "b" + r.nextInt(3);
        String g = "g" + r.nextInt(2);
        String p = "p" + r.nextInt(3);
        return switch (r.nextInt(52)) {
            case 34, 35 -> "XADD " + x + " * f " + m + " n " + n;
            case 36 -> "XADD " + x + " MAXLEN ~ 50 * f " + m;
            case 37 -> "XTRIM " + x + " MAXLEN " + (20 + r.nextInt(20));
            case 38 -> "XGROUP CREATE " + x + " grp 0 MKSTREAM";
            case 39 -> "XREADGROUP GROUP grp c" + r.nextInt(2) + " COUNT " + n + " STREAMS " + x + " >";
            case 40 -> "XAUTOCLAIM " + x + " grp c" + r.nextInt(2) + " 0 0 COUNT " + n;
            case 41 -> "SETBIT " + b + " " + r.nextInt(2000) + " " + r.nextInt(2);
            case 42 -> "BITFIELD " + b + " INCRBY i8 " + 8 * r.nextInt(20) + " " + (r.nextInt(300) - 150)
                    + " OVERFLOW " + List.of("WRAP", "SAT", "FAIL").get(r.nextInt(3)) + " INCRBY u4 0 " + r.nextInt(20);
            case 43 -> "BITOP " + List.of("AND", "OR", "XOR").get(r.nextInt(3)) + " " + b + " b" + r.nextInt(3) + " b" + r.nextInt(3);
            case 44, 45 -> "PFADD " + p + " " + m + " e" + r.nextInt(5000);
            case 46 -> "PFMERGE " + p + " p" + r.nextInt(3);
            case 47 -> "GEOADD " + g + " " + (r.nextInt(360) - 180) + "." + r.nextInt(1000) + " "
                    + (r.nextInt(170) - 85) + "." + r.nextInt(1000) + " " + m;
            case 48 -> "GEOSEARCHSTORE " + "g" + r.nextInt(2) + "st " + g + " FROMLONLAT 10 20 BYRADIUS 5000 km ASC COUNT " + n;
            case 49 -> "INCRBYFLOAT " + "f" + r.nextInt(3) + " " + score;
            case 50 -> "SETRANGE " + "r" + r.nextInt(3) + " " + r.nextInt(20) + " " + m;
            case 51 -> "EVAL redis.call('incrby',KEYS[1],ARGV[1]);return#redis.call('lpush',KEYS[2],ARGV[1]) 2 c" + r.nextInt(3)
                    + " l" + r.nextInt(6) + " " + n;
            case 0, 1, 2 -> "SADD " + s + " " + m + " " + r.nextInt(30);
            case 3 -> "SREM " + s + " " + m;
            case 4 -> "SMOVE " + s + " " + s2 + " " + m;
            case 5 -> "SINTERSTORE " + s + " " + s2 + " s" + r.nextInt(6);
            case 6 -> "SUNIONSTORE " + s + " " + s2 + " s" + r.nextInt(6);
            case 7 -> "SDIFFSTORE " + s + " " + s2 + " s" + r.nextInt(6);
            case 8 -> "SPOP " + s + " " + n;
            case 9, 10, 11 -> "ZADD " + z + " " + score + " " + m;
            case 12 -> "ZINCRBY " + z + " " + score + " " + m;
            case 13 -> "ZUNIONSTORE " + z + " 2 " + z2 + " s" + r.nextInt(6) + " WEIGHTS 2 -1 AGGREGATE "
                    + List.of("SUM", "MIN", "MAX").get(r.nextInt(3));
            case 14 -> "ZINTERSTORE " + z + " 2 " + z2 + " z" + r.nextInt(6);
            case 15 -> "ZDIFFSTORE " + z + " 2 " + z2 + " z" + r.nextInt(6);
            case 16 -> "ZRANGESTORE " + z + " " + z2 + " " + r.nextInt(20) + " +inf BYSCORE LIMIT 0 " + n;
            case 17 -> "ZREMRANGEBYRANK " + z + " 0 " + r.nextInt(2);
            case 18 -> "ZREMRANGEBYSCORE " + z + " " + r.nextInt(20) + " (" + (r.nextInt(20) + 5);
            case 19 -> "ZREMRANGEBYLEX " + z + " [m1 (m2";
            case 20 -> "ZMPOP 2 " + z + " " + z2 + " " + (r.nextBoolean() ? "MIN" : "MAX") + " COUNT " + n;
            case 21 -> "ZPOPMAX " + z + " " + n;
            case 22, 23, 24 -> (r.nextBoolean() ? "RPUSH " : "LPUSH ") + l + " " + m + " " + m + "x";
            case 25 -> "LMOVE " + l + " " + l2 + " " + end + " " + end2;
            case 26 -> "RPOPLPUSH " + l + " " + l2;
            case 27 -> "LMPOP 2 " + l + " " + l2 + " " + end + " COUNT " + n;
            case 28 -> "LINSERT " + l + " " + (r.nextBoolean() ? "BEFORE " : "AFTER ") + m + " new" + m;
            case 29 -> "LREM " + l + " " + (r.nextInt(5) - 2) + " " + m;
            case 30 -> "LTRIM " + l + " 0 " + (5 + r.nextInt(20));
            case 31 -> "HSET " + h + " " + m + " " + r.nextInt(100);
            case 32 -> "HINCRBYFLOAT " + h + " f" + r.nextInt(5) + " " + score;
            default -> "HSETNX " + h + " " + m + " v";
        };
    }
}
