package dev.syncer.engine.persistence;

import dev.syncer.engine.testing.KeyspaceContent;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SampleData;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DUMP from our shard RESTOREs into redis-server 7.0 and the other way round, with Redis's errors. */
class DumpRestoreIT {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** DUMPs every key from one server and RESTOREs it (with its TTL as ABSTTL) on the other. */
    private static void copy(RespClient from, RespClient to, Map<String, KeyspaceContent.Entry> keys) {
        for (Map.Entry<String, KeyspaceContent.Entry> e : keys.entrySet()) {
            String k = e.getKey();
            byte[] payload = (byte[]) from.callBytes(b("DUMP"), b(k));
            long at = e.getValue().expireAt();
            Object reply = to.callBytes(b("RESTORE"), b(k), b(Long.toString(Math.max(at, 0))), payload, b("ABSTTL"));
            assertThat(reply).as("RESTORE %s", k).isEqualTo("OK");
        }
    }

    @Test
    void ourDumpsRestoreIntoRedisAndRedisDumpsRestoreIntoUs() {
        try (TestShard ours = TestShard.start(); RespClient shard = ours.raw();
             RealRedis redis = RealRedis.start(); RespClient real = redis.raw();
             TestShard back = TestShard.start(); RespClient shard2 = back.raw()) {
            ours.shard().call(() -> {
                SampleData.fill(ours.shard().keyspace(), 9);
                return null;
            });
            Map<String, KeyspaceContent.Entry> expected = ours.shard().call(
                    () -> KeyspaceContent.of(ours.shard().keyspace())).get(0);

            copy(shard, real, expected);
            assertThat(KeyspaceContent.of(real, 1).get(0)).isEqualTo(expected);

            copy(real, shard2, expected);
            assertThat(back.shard().call(() -> KeyspaceContent.of(back.shard().keyspace())).get(0)).isEqualTo(expected);
        }
    }

    @Test
    void restoreAnswersWithRedisErrors() {
        try (TestShard ours = TestShard.start(); RespClient c = ours.raw();
             RealRedis redis = RealRedis.start(); RespClient real = redis.raw()) {
            for (RespClient server : List.of(c, real)) {
                server.call("SET", "k", "v");
                byte[] payload = (byte[]) server.callBytes(b("DUMP"), b("k"));
                byte[] corrupt = payload.clone();
                corrupt[1] ^= 1;
                assertThat(server.callBytes(b("RESTORE"), b("k"), b("0"), payload))
                        .isEqualTo(new RespClient.Error("BUSYKEY Target key name already exists."));
                assertThat(server.callBytes(b("RESTORE"), b("k2"), b("0"), corrupt))
                        .isEqualTo(new RespClient.Error("ERR DUMP payload version or checksum are wrong"));
                assertThat(server.callBytes(b("RESTORE"), b("k2"), b("0"), setClaimingThreeMembersWithOne()))
                        .isEqualTo(new RespClient.Error("ERR Bad data format"));
                assertThat(server.callBytes(b("RESTORE"), b("k2"), b("-1"), payload))
                        .isEqualTo(new RespClient.Error("ERR Invalid TTL value, must be >= 0"));
                assertThat(server.callBytes(b("RESTORE"), b("k2"), b("0"), payload, b("BOGUS")))
                        .isEqualTo(new RespClient.Error("ERR syntax error"));
                assertThat(server.callBytes(b("RESTORE"), b("k"), b("100000"), payload, b("REPLACE"))).isEqualTo("OK");
                assertThat(server.call("GET", "k")).isEqualTo(b("v"));
                assertThat(server.callBytes(b("RESTORE"), b("k"), b("1"), payload, b("REPLACE"), b("ABSTTL"))).isEqualTo("OK");
                assertThat(server.call("GET", "k")).as("restored already expired: the old key is gone").isNull();
                assertThat(server.call("DUMP", "nokey")).isNull();
            }
            long expireAt = ours.shard().call(() -> ours.shard().keyspace().db(0).expireAt(
                    dev.syncer.engine.keyspace.Key.of("k")));
            assertThat(expireAt).isEqualTo(-1);
        }
    }

    @Test
    void restoreReachesReplicasWithAnAbsoluteTtlAndAnExpiredReplaceAsDel() {
        try (TestShard ours = TestShard.start(); RespClient c = ours.raw()) {
            java.util.concurrent.ConcurrentLinkedQueue<String> fed = new java.util.concurrent.ConcurrentLinkedQueue<>();
            ours.shard().call(() -> {
                ours.shard().setFeed((db, argv) -> {
                    StringBuilder line = new StringBuilder();
                    for (byte[] a : argv) {
                        line.append(line.isEmpty() ? "" : " ").append(a.length > 20 ? "<payload>" : new String(a, StandardCharsets.ISO_8859_1));
                    }
                    fed.add(line.toString());
                });
                return null;
            });
            c.call("SET", "k", "v");
            byte[] payload = (byte[]) c.callBytes(b("DUMP"), b("k"));
            long before = System.currentTimeMillis();

            c.callBytes(b("RESTORE"), b("t"), b("60000"), payload);
            c.callBytes(b("RESTORE"), b("k"), b("1"), payload, b("ABSTTL"), b("REPLACE"));

            List<String> lines = List.copyOf(fed);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("SET k v");
            String[] restore = lines.get(1).split(" ");
            assertThat(restore[0]).isEqualTo("RESTORE");
            assertThat(Long.parseLong(restore[2])).isBetween(before + 60000, System.currentTimeMillis() + 60000);
            assertThat(restore[restore.length - 1]).isEqualTo("ABSTTL");
            assertThat(lines.get(2)).isEqualTo("DEL k");
        }
    }

    /** A set payload whose body claims three members but holds one, with a valid footer. */
    private static byte[] setClaimingThreeMembersWithOne() {
        byte[] p = {2, 3, 1, 'a', 10, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        long crc = 0; // CRC-64/Jones, reflected, bit by bit: an independent check of the slicing tables
        for (int i = 0; i < 6; i++) {
            crc ^= p[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95AC9329AC4BC9B5L : crc >>> 1;
            }
        }
        for (int i = 0; i < 8; i++) {
            p[6 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }
}
