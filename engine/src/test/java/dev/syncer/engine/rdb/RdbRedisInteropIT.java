package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.testing.Cli;
import dev.syncer.engine.testing.KeyspaceContent;
import dev.syncer.engine.testing.SampleData;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Files we write are what redis-server 7.0 loads; files redis-server writes are what we load. */
class RdbRedisInteropIT {

    @Test
    void redisServerLoadsOurFileWithIdenticalContents(@TempDir Path dir) throws Exception {
        Keyspace ours = RdbVectorsTest.freshKeyspace();
        SampleData.fill(ours, 7);
        Files.write(dir.resolve("ours.rdb"), RdbWriterTest.write(ours, Map.of(), List.of()));

        String check = Cli.exec(60, List.of("redis-check-rdb", dir.resolve("ours.rdb").toString()));
        assertThat(check).contains("RDB looks OK").contains("Checksum OK");

        try (RealRedis redis = RealRedis.start(dir, "--dbfilename", "ours.rdb"); RespClient c = redis.raw()) {
            assertThat(KeyspaceContent.of(c, 16)).isEqualTo(KeyspaceContent.of(ours));
        }
    }

    @Test
    void preSevenEncodingsLoadHereAsRedisServerLoadsThem(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("legacy.rdb"), LegacyRdb.file());
        Keyspace ours = RdbVectorsTest.freshKeyspace();
        RdbVectorsTest.load(LegacyRdb.file(), ours, true);

        try (RealRedis redis = RealRedis.start(dir, "--dbfilename", "legacy.rdb"); RespClient c = redis.raw()) {
            assertThat(KeyspaceContent.of(c, 16)).isEqualTo(KeyspaceContent.of(ours));
        }
    }

    @Test
    void weLoadWhatRedisServerSavesWithIdenticalContents(@TempDir Path dir) throws Exception {
        Keyspace source = RdbVectorsTest.freshKeyspace();
        SampleData.fill(source, 11);
        Files.write(dir.resolve("seed.rdb"), RdbWriterTest.write(source, Map.of(), List.of()));
        try (RealRedis redis = RealRedis.start(dir, "--dbfilename", "seed.rdb"); RespClient c = redis.raw()) {
            // make redis own the data in its own encodings, then have it write its own file
            c.call("SET", "added:by:redis", "x".repeat(100));
            c.call("RPUSH", "added:list", "1", "2", "three");
            byte[] ours = Files.readAllBytes(dir.resolve("seed.rdb"));
            assertThat(c.call("SAVE")).isEqualTo("OK");
            assertThat(Files.readAllBytes(dir.resolve("seed.rdb"))).isNotEqualTo(ours);
            Map<Integer, Map<String, KeyspaceContent.Entry>> expected = KeyspaceContent.of(c, 16);

            Keyspace loaded = RdbVectorsTest.freshKeyspace();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("seed.rdb")))) {
                new RdbReader(in).read(loaded, true);
            }
            assertThat(KeyspaceContent.of(loaded)).isEqualTo(expected);
        }
    }
}
