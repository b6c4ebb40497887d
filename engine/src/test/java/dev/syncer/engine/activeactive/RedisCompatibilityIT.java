package dev.syncer.engine.activeactive;

import dev.syncer.engine.keyspace.Database;
import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.activeactive.crdt.Visible;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without concurrency an Active-Active database behaves as Redis: the same random write commands of
 * every supported family, sent to an A-A shard and to a real redis-server 7.0, get byte-identical
 * replies (errors included) and leave the same data and TTLs.
 */
class RedisCompatibilityIT {

    private static final long TTL_OFFSET = 600_000; // nothing expires while the test runs

    @Test
    void repliesAndDataMatchARealRedis() {
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start(ActiveActive.ORIGIN_CONFIG, "A");
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            Random random = new Random(20_240_611);
            RandomCommands commands = new RandomCommands(random, false, TTL_OFFSET);
            for (int i = 0; i < 5000; i++) {
                String[] command = commands.next(System.currentTimeMillis());
                String expected = reply(real, command);
                String actual = reply(ours, command);
                if (command[0].equals("SPOP")) {
                    expected = sortedLines(expected); // a whole set pops in each server's own order
                    actual = sortedLines(actual);
                }
                assertThat(actual).as(String.join(" ", command)).isEqualTo(expected);
            }
            TreeMap<String, String> realData = RespDataset.read(real);
            TreeMap<String, String> ourData = shard.shard().call(() -> dump(shard.shard().keyspace().db(0)));
            assertThat(ourData.keySet()).isEqualTo(realData.keySet());
            ourData.forEach((k, v) -> assertSame(k, v, realData.get(k)));
        }
    }

    @Test
    void floatIncrementsAreComputedAndPrintedAsRedisDoes() {
        String[][] cases = {{"0.1", "0.2"}, {"1.05", "1.5"}, {"10.5", "0.1"}, {"5.0e3", "2.0e2"}, {"3", "-3"},
            {"-0.0", "0"}, {"1e-20", "1"}, {"123456789.123456789", "0.000000001"},
            {"3.0000000000000000001", "0"}, {"99999999999999999999", "1"}, {"abc", "1"}, {"1", "inf"}, {"1", " 1"}};
        try (RealRedis redis = RealRedis.start();
             TestShard shard = TestShard.start(ActiveActive.ORIGIN_CONFIG, "A");
             RespClient real = redis.raw();
             RespClient ours = shard.raw()) {
            for (String[] c : cases) {
                for (RespClient client : List.of(real, ours)) {
                    reply(client, "SET", "f", c[0]);
                    reply(client, "HSET", "h", "f", c[0]);
                }
                assertThat(reply(ours, "INCRBYFLOAT", "f", c[1])).as("INCRBYFLOAT " + c[0] + " " + c[1])
                        .isEqualTo(reply(real, "INCRBYFLOAT", "f", c[1]));
                assertThat(reply(ours, "HINCRBYFLOAT", "h", "f", c[1])).as("HINCRBYFLOAT " + c[0] + " " + c[1])
                        .isEqualTo(reply(real, "HINCRBYFLOAT", "h", "f", c[1]));
            }
        }
    }

    /** Same content; TTLs equal, or within a second for relative ones (each server read its own clock). */
    private static void assertSame(String key, String ours, String real) {
        String[] o = ours.split(" ttl=");
        String[] r = real.split(" ttl=");
        assertThat(o[0]).as(key).isEqualTo(r[0]);
        assertThat(o.length).as(key + " has a TTL").isEqualTo(r.length);
        if (o.length == 2) {
            assertThat(Math.abs(Long.parseLong(o[1]) - Long.parseLong(r[1]))).as(key + " TTL").isLessThan(1000);
        }
    }

    private static String reply(RespClient client, String... command) {
        client.send(RespClient.encode(command));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copyReply(client.input(), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies exactly one RESP2 reply, so nil bulk and nil array stay distinct. */
    private static void copyReply(InputStream in, ByteArrayOutputStream out) throws IOException {
        int type = in.read();
        out.write(type);
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        in.read();
        out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (type == '$' && !line.toString().equals("-1")) {
            out.writeBytes(in.readNBytes(Integer.parseInt(line.toString()) + 2));
        } else if (type == '*') {
            for (int i = 0; i < Integer.parseInt(line.toString()); i++) {
                copyReply(in, out);
            }
        }
    }

    private static String sortedLines(String reply) {
        List<String> lines = new ArrayList<>(List.of(reply.split("\r\n")));
        lines.sort(null);
        return String.join("\n", lines);
    }

    private static TreeMap<String, String> dump(Database db) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Key k : db.keys()) {
            out.put(k.toString(), Visible.describe(db.get(k), db.expireAt(k)));
        }
        return out;
    }
}
