package dev.syncer.engine.command;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real redis-server 7.0 primary runs bitmaps, BITFIELD, HyperLogLogs (sparse, promoted, dense,
 * cached counts refreshed by PFCOUNT) and geo writes; a shard replicating from it, and a real
 * redis-server replicating from the shard, end with the primary's exact data (DEBUG DIGEST).
 * STOREDIST is left out: a replica recomputes those distances, and Java's asin/sin/cos round
 * differently from glibc's in the last bit now and then (so would Redis built on another libm).
 */
class StringFamiliesReplicationIT {

    @Test
    void aShardReplicaAndARedisBelowItEndByteEqualWithTheRealPrimary() {
        try (RealRedis primary = RealRedis.start("--enable-debug-command", "yes", "--repl-diskless-sync-delay", "0");
             RespClient p = primary.raw()) {
            pipeline(p, workload(new Random(1007), "before"));
            try (TestShard shard = TestShard.start("replicaof", "127.0.0.1 " + primary.port());
                 RealRedis below = RealRedis.start("--enable-debug-command", "yes",
                         "--replicaof", "127.0.0.1", Integer.toString(shard.port()))) {
                awaitInSync(primary.port(), shard.port());
                pipeline(p, workload(new Random(2008), "after"));
                awaitInSync(primary.port(), shard.port());
                awaitInSync(shard.port(), below.port());
                String expected = digest(primary.port());
                assertThat(expected).isNotEqualTo("0".repeat(40));
                try (RespClient ours = shard.raw()) {
                    assertThat(keysDiffering(p, ours)).as("keys whose DIGEST-VALUE differs on the shard").isEmpty();
                }
                assertThat(digest(shard.port())).as("shard replica").isEqualTo(expected);
                assertThat(digest(below.port())).as("redis-server below the shard").isEqualTo(expected);
            }
        }
    }

    private static List<String> keysDiffering(RespClient real, RespClient ours) {
        List<String> differing = new ArrayList<>();
        for (Object key : (List<?>) real.call("KEYS", "*")) {
            String k = RespClient.text(key);
            Object theirs = ((List<?>) real.call("DEBUG", "DIGEST-VALUE", k)).get(0);
            Object mine = ((List<?>) ours.call("DEBUG", "DIGEST-VALUE", k)).get(0);
            if (!RespClient.text(theirs).equals(RespClient.text(mine))) {
                differing.add(k + " " + RespClient.text(real.call("TYPE", k)));
            }
        }
        return differing;
    }

    /** Writes of every command the string families propagate, some changing nothing. */
    private static List<String[]> workload(Random r, String prefix) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String n = Integer.toString(r.nextInt(50));
            switch (r.nextInt(12)) {
                case 0 -> out.add(new String[] {"SETBIT", prefix + ":bits" + n, Integer.toString(r.nextInt(5000)),
                    Integer.toString(r.nextInt(2))});
                case 1 -> out.add(new String[] {"BITOP", "XOR", prefix + ":op", prefix + ":bits" + n, prefix + ":bits1"});
                case 2 -> out.add(new String[] {"BITFIELD", prefix + ":bf" + n, "OVERFLOW", "SAT", "INCRBY", "i5",
                    "#" + r.nextInt(20), Integer.toString(r.nextInt(40) - 20), "SET", "u3", Integer.toString(r.nextInt(90)),
                    Integer.toString(r.nextInt(9))});
                case 3, 4 -> out.add(new String[] {"PFADD", prefix + ":hll" + r.nextInt(5), "e" + r.nextInt(60_000)});
                case 5 -> out.add(new String[] {"PFCOUNT", prefix + ":hll" + r.nextInt(5)});
                case 6 -> out.add(new String[] {"PFMERGE", prefix + ":merged", prefix + ":hll" + r.nextInt(5),
                    prefix + ":hll" + r.nextInt(5)});
                case 7 -> out.add(new String[] {"GEOADD", prefix + ":geo", Double.toString(r.nextDouble() * 360 - 180),
                    Double.toString(r.nextDouble() * 170 - 85), "m" + n});
                case 8 -> out.add(new String[] {"GEOSEARCHSTORE", prefix + ":near", prefix + ":geo", "FROMLONLAT", "0", "0",
                    "BYRADIUS", Integer.toString(r.nextInt(20_000)), "km"});
                case 9 -> out.add(new String[] {"GEORADIUS", prefix + ":geo", "10", "10", Integer.toString(r.nextInt(9000)),
                    "km", "STORE", prefix + ":within"});
                case 10 -> out.add(new String[] {"SETRANGE", prefix + ":bits" + n, Integer.toString(r.nextInt(700)), "xy"});
                default -> out.add(new String[] {"PFDEBUG", "TODENSE", prefix + ":hll" + r.nextInt(5)});
            }
        }
        for (int i = 0; i < 5; i++) {
            out.add(new String[] {"PFCOUNT", prefix + ":hll" + i});
        }
        return out;
    }

    private static void pipeline(RespClient client, List<String[]> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] c : commands) {
            out.writeBytes(RespClient.encode(c));
        }
        client.send(out.toByteArray());
        for (int i = 0; i < commands.size(); i++) {
            client.read();
        }
    }
}
