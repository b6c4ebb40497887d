package dev.syncer.engine.persistence;

import dev.syncer.engine.testing.PersistenceWaits;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AppendOnlyFileIT {

    private static final String[] AOF_ALWAYS = {"appendonly", "yes", "appendfsync", "always"};

    @Test
    void acknowledgedWritesComeBackAfterACrash(@TempDir Path dir) throws IOException {
        Object digest;
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            apply(c, workload(new Random(1), 2000));
            digest = c.call("DEBUG", "DIGEST");
            s.shard().crash(); // no shutdown save, no final flush: only what was acknowledged is on disk
        }
        Path aofDir = dir.resolve("appendonlydir");
        assertThat(Files.readString(aofDir.resolve("appendonly.aof.manifest")))
                .isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aofDir.resolve("appendonly.aof.1.incr.aof"))))
                .isEqualTo("rw-------");
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isNotEqualTo("0".repeat(40)).isEqualTo(digest);
            assertThat(c.info("persistence")).containsEntry("aof_enabled", "1");
        }
    }

    @Test
    void bgrewriteaofWritesAnRdbBaseAndDropsTheRewrittenIncrementalFile(@TempDir Path dir) throws IOException {
        Object digest;
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            apply(c, workload(new Random(2), 1500));
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
            apply(c, workload(new Random(3), 500)); // during the rewrite: into the new incremental file
            PersistenceWaits.aofRewriteDone(c);
            apply(c, workload(new Random(4), 200));
            digest = c.call("DEBUG", "DIGEST");
            assertThat(c.info("persistence")).containsEntry("aof_rewrites", "1").containsEntry("aof_last_bgrewrite_status", "ok");
            s.shard().crash();
        }
        Path aofDir = dir.resolve("appendonlydir");
        assertThat(Files.readString(aofDir.resolve("appendonly.aof.manifest"))).isEqualTo(
                "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
        try (Stream<Path> files = Files.list(aofDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest");
        }
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isEqualTo(digest);
        }
    }

    @Test
    void withoutTheRdbPreambleTheBaseIsCommandsThatRedisServerAndAShardLoad(@TempDir Path dir) throws IOException {
        Object digest;
        try (TestShard s = TestShard.start(dir, "appendonly", "yes", "aof-use-rdb-preamble", "no"); RespClient c = s.raw()) {
            apply(c, workload(new Random(11), 1500));
            c.call("SETEX", "ttl", "100000", "v");
            c.call("BGREWRITEAOF");
            PersistenceWaits.aofRewriteDone(c);
            digest = c.call("DEBUG", "DIGEST");
            s.shard().crash();
        }
        Path base = dir.resolve("appendonlydir/appendonly.aof.2.base.aof");
        assertThat(Files.readString(base, StandardCharsets.ISO_8859_1)).startsWith("*2\r\n$6\r\nSELECT\r\n");
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isEqualTo(digest);
        }
        try (RealRedis redis = RealRedis.start(dir, "--enable-debug-command", "yes", "--appendonly", "yes");
             RespClient c = redis.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).as(redis.log()).isEqualTo(digest);
        }
    }

    @Test
    void aShardLoadsTheAofDirectoryRedisServerWrote(@TempDir Path dir) throws IOException {
        Object digest;
        try (RealRedis redis = RealRedis.start(dir, "--enable-debug-command", "yes", "--appendonly", "yes",
                "--appendfsync", "always"); RespClient c = redis.raw()) {
            apply(c, workload(new Random(5), 1500));
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
            PersistenceWaits.aofRewriteDone(c);
            apply(c, workload(new Random(6), 1500));
            digest = c.call("DEBUG", "DIGEST");
        }
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isNotEqualTo("0".repeat(40)).isEqualTo(digest);
        }
    }

    @Test
    void redisServerLoadsTheAofDirectoryAShardWrote(@TempDir Path dir) {
        Object digest;
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            apply(c, workload(new Random(7), 1500));
            c.call("BGREWRITEAOF");
            PersistenceWaits.aofRewriteDone(c);
            apply(c, workload(new Random(8), 1500));
            digest = c.call("DEBUG", "DIGEST");
        }
        try (RealRedis redis = RealRedis.start(dir, "--enable-debug-command", "yes", "--appendonly", "yes");
             RespClient c = redis.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).as(redis.log()).isNotEqualTo("0".repeat(40)).isEqualTo(digest);
        }
    }

    @Test
    void aTornLastCommandIsCutOffWhenAofLoadTruncatedIsYes(@TempDir Path dir) throws IOException {
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            c.call("SET", "kept", "1");
            s.shard().crash();
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long complete = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$4\r\nlost".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> TestShard.start(dir, "appendonly", "yes", "aof-load-truncated", "no"))
                .hasMessageContaining("Unexpected end of file");
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(RespClient.text(c.call("GET", "kept"))).isEqualTo("1");
            assertThat(c.call("EXISTS", "lost")).isEqualTo(0L);
        }
        assertThat(Files.size(incr)).isEqualTo(complete);
    }

    @Test
    void anOldStyleAofInTheServerDirectoryBecomesTheBaseOfAManifest(@TempDir Path dir) throws IOException {
        // Redis before 7.0: one appendonly.aof beside dump.rdb; a past PEXPIREAT in it keeps the key
        // while the file loads (later commands still apply to it), then the key is expired
        Files.write(dir.resolve("appendonly.aof"), (resp("SET", "k1", "v1") + resp("RPUSH", "list", "a")
                + resp("PEXPIREAT", "list", "1000") + resp("RPUSH", "list", "b")).getBytes(StandardCharsets.US_ASCII));
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS); RespClient c = s.raw()) {
            assertThat(RespClient.text(c.call("GET", "k1"))).isEqualTo("v1");
            assertThat(c.call("LLEN", "list")).isEqualTo(0L);
        }
        assertThat(dir.resolve("appendonly.aof")).doesNotExist();
        assertThat(dir.resolve("appendonlydir/appendonly.aof")).exists();
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")))
                .isEqualTo("file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    }

    @Test
    void anAofNamingAnUnknownCommandOrBadlyFormedStopsTheStartWithRedissWords(@TempDir Path dir) throws IOException {
        Path aofDir = Files.createDirectories(dir.resolve("appendonlydir"));
        Files.writeString(aofDir.resolve("appendonly.aof.manifest"), "file appendonly.aof.1.incr.aof seq 1 type i\n");
        Path incr = aofDir.resolve("appendonly.aof.1.incr.aof");
        Files.writeString(incr, resp("SET", "foo", "hello") + resp("BLA", "foo", "hello"));
        assertThatThrownBy(() -> TestShard.start(dir, "appendonly", "yes"))
                .hasMessage("Unknown command 'BLA' reading the append only file appendonly.aof.1.incr.aof");
        Files.writeString(incr, resp("SET", "foo", "hello") + "!!!" + resp("SET", "foo", "hello"));
        assertThatThrownBy(() -> TestShard.start(dir, "appendonly", "yes"))
                .hasMessageStartingWith("Bad file format reading the append only file appendonly.aof.1.incr.aof: ");
    }

    @Test
    void timestampAnnotationsAreWrittenWhenEnabledAndSkippedWhenLoading(@TempDir Path dir) throws IOException {
        try (TestShard s = TestShard.start(dir, "appendonly", "yes", "aof-timestamp-enabled", "yes"); RespClient c = s.raw()) {
            c.call("SET", "foo", "bar");
            s.shard().crash();
        }
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"))).startsWith("#TS:");
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(RespClient.text(c.call("GET", "foo"))).isEqualTo("bar");
        }
    }

    private static String resp(String... argv) {
        StringBuilder sb = new StringBuilder("*").append(argv.length).append("\r\n");
        for (String a : argv) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void configSetAppendonlyYesRecordsFromThenOnWithABaseOfWhatWasThere(@TempDir Path dir) {
        Object digest;
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            apply(c, workload(new Random(9), 500));
            assertThat(c.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("OK");
            apply(c, workload(new Random(10), 500));
            PersistenceWaits.aofRewriteDone(c);
            digest = c.call("DEBUG", "DIGEST");
        }
        try (TestShard again = TestShard.start(dir, AOF_ALWAYS); RespClient c = again.raw()) {
            assertThat(c.call("DEBUG", "DIGEST")).isEqualTo(digest);
        }
    }

    @Test
    void startUpRemovesTempFilesOfADeadSave(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("appendonlydir"));
        Path staleRdb = Files.writeString(dir.resolve("temp-999999999-1.rdb"), "partial");
        Path staleRewrite = Files.writeString(dir.resolve("appendonlydir/temp-rewriteaof-bg-999999999.aof"), "partial");
        try (TestShard s = TestShard.start(dir, AOF_ALWAYS)) {
            assertThat(staleRdb).doesNotExist();
            assertThat(staleRewrite).doesNotExist();
        }
    }

    static void apply(RespClient c, List<String[]> commands) {
        for (String[] cmd : commands) {
            Object reply = c.call(cmd);
            assertThat(reply).as(String.join(" ", cmd)).isNotInstanceOf(RespClient.Error.class);
        }
    }

    /** Writes of every type in four databases, whose outcome does not depend on the clock. */
    static List<String[]> workload(Random r, int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String db = Integer.toString(r.nextInt(4));
            String k = "k" + r.nextInt(300);
            String v = "v" + r.nextInt(1000);
            String[] cmd = switch (r.nextInt(9)) {
                case 0 -> new String[] {"SET", "s:" + k, v};
                case 1 -> new String[] {"INCRBY", "n:" + k, Integer.toString(r.nextInt(100))};
                case 2 -> new String[] {"HSET", "h:" + k, "f" + r.nextInt(200), v};
                case 3 -> new String[] {"RPUSH", "l:" + k, v};
                case 4 -> new String[] {"SADD", "set:" + k, v};
                case 5 -> new String[] {"ZADD", "z:" + k, Integer.toString(r.nextInt(1000)), v};
                case 6 -> new String[] {"XADD", "x:" + k, "*", "f", v};
                case 7 -> new String[] {"EXPIRE", "s:" + k, "100000"};
                default -> new String[] {"DEL", "h:" + k};
            };
            out.add(new String[] {"SELECT", db});
            out.add(cmd);
        }
        return out;
    }
}
