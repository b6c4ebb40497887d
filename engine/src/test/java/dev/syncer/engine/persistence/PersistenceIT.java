package dev.syncer.engine.persistence;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.rdb.RdbReader;
import dev.syncer.engine.testing.Cli;
import dev.syncer.engine.testing.KeyspaceContent;
import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.SampleData;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PersistenceIT {

    private static Map<Integer, Map<String, KeyspaceContent.Entry>> content(TestShard s) {
        return s.shard().call(() -> KeyspaceContent.of(s.shard().keyspace()));
    }

    private static void fill(TestShard s, long seed) {
        s.shard().call(() -> {
            SampleData.fill(s.shard().keyspace(), seed);
            return null;
        });
    }

    private static Keyspace read(Path file) throws Exception {
        Keyspace ks = new Keyspace();
        ks.setReplica(true);
        try (InputStream in = Files.newInputStream(file)) {
            new RdbReader(in, true).read(ks, false);
        }
        return ks;
    }

    @Test
    void saveWritesADumpThatRedisAcceptsAndARestartLoads(@TempDir Path dir) {
        Map<Integer, Map<String, KeyspaceContent.Entry>> before;
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            fill(s, 5);
            before = content(s);
            assertThat(c.call("SAVE")).isEqualTo("OK");
            assertThat(c.info("persistence")).containsEntry("rdb_changes_since_last_save", "0")
                    .containsEntry("rdb_saves", "1");
        }
        assertThat(Cli.exec(60, List.of("redis-check-rdb", dir.resolve("dump.rdb").toString()))).contains("RDB looks OK");
        assertThat(dir.toFile().list()).containsExactly("dump.rdb"); // no temp file left behind

        try (TestShard again = TestShard.start(dir); RespClient c = again.raw()) {
            assertThat(content(again)).isEqualTo(before);
            assertThat(c.info("persistence").get("rdb_last_load_keys_loaded"))
                    .isEqualTo(Long.toString(before.values().stream().mapToLong(Map::size).sum()));
        }
    }

    @Test
    void bgsaveWritesThePointInTimeDatasetWhileTheShardKeepsTakingWrites(@TempDir Path dir) throws Exception {
        try (TestShard s = TestShard.start(dir, "rdb-key-save-delay", "2000"); RespClient c = s.raw()) {
            for (int i = 0; i < 200; i++) {
                c.call("SET", "k" + i, "old");
            }
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            assertThat(c.call("BGSAVE")).isEqualTo(new RespClient.Error("ERR Background save already in progress"));
            assertThat(c.call("SAVE")).isEqualTo(new RespClient.Error("ERR Background save already in progress"));
            assertThat(c.info("persistence")).containsEntry("rdb_bgsave_in_progress", "1")
                    .containsEntry("current_save_keys_total", "200");
            for (int i = 0; i < 200; i++) {
                assertThat(c.call("SET", "k" + i, "new")).isEqualTo("OK");
            }
            c.call("SET", "added-during-save", "x");

            await("BGSAVE done").atMost(Duration.ofSeconds(20))
                    .until(() -> c.info("persistence").get("rdb_bgsave_in_progress").equals("0"));

            Map<String, String> info = c.info("persistence");
            assertThat(info).containsEntry("rdb_last_bgsave_status", "ok").containsEntry("rdb_changes_since_last_save", "201");
            Map<String, KeyspaceContent.Entry> saved = KeyspaceContent.of(read(dir.resolve("dump.rdb"))).get(0);
            assertThat(saved).hasSize(200).doesNotContainKey("added-during-save");
            assertThat(saved.values()).allMatch(e -> e.value().equals("old"));
        }
    }

    @Test
    void saveRulesStartABackgroundSaveOnceEnoughChangesAndTimeHavePassed(@TempDir Path dir) {
        try (TestShard s = TestShard.start(dir, "save", "0 3"); RespClient c = s.raw()) {
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            assertThat(c.info("persistence")).containsEntry("rdb_changes_since_last_save", "2");
            c.call("SET", "c", "3");

            await("the rule's BGSAVE").atMost(Duration.ofSeconds(10)).until(() -> {
                Map<String, String> info = c.info("persistence");
                return info.get("rdb_saves").equals("1") && info.get("rdb_bgsave_in_progress").equals("0");
            });

            assertThat(c.info("persistence")).containsEntry("rdb_changes_since_last_save", "0");
            assertThat(dir.resolve("dump.rdb")).exists();
        }
    }

    @Test
    void aCrashDuringBgsaveLeavesNoWriterBehindAndNoDump(@TempDir Path dir) {
        TestShard s = TestShard.start(dir, "rdb-key-save-delay", "1000000"); // 50 keys: 50 s unless stopped
        try (RespClient c = s.raw()) {
            for (int i = 0; i < 50; i++) {
                c.call("SET", "k" + i, "v");
            }
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
        }
        s.shard().crash();

        await("the writer thread ends").atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.getName().equals("bgsave-" + s.port())));
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aSaveThatCannotWriteAnswersErrAndABgsaveThatCannotReportsErr(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("gone"));
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
            Files.delete(dir);

            assertThat(c.call("SAVE")).isEqualTo(new RespClient.Error("ERR"));
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            await("BGSAVE failed").atMost(Duration.ofSeconds(10))
                    .until(() -> c.info("persistence").get("rdb_last_bgsave_status").equals("err"));

            assertThat(c.info("persistence")).containsEntry("rdb_changes_since_last_save", "1")
                    .containsEntry("rdb_saves", "2");

            assertThat(c.call("SHUTDOWN", "SAVE"))
                    .isEqualTo(new RespClient.Error("ERR Errors trying to SHUTDOWN. Check logs."));
            assertThat(c.call("PING")).isEqualTo("PONG");
            c.send(RespClient.encode("SHUTDOWN", "SAVE", "FORCE"));
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void afterAFailedBgsaveWritesAndPingGetMisconfUntilASaveSucceeds(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("gone"));
        try (TestShard s = TestShard.start(dir, "save", "3600 1"); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
            Files.delete(dir);
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            await("BGSAVE failed").atMost(Duration.ofSeconds(10))
                    .until(() -> c.info("persistence").get("rdb_last_bgsave_status").equals("err"));

            RespClient.Error misconf = new RespClient.Error(DiskErrorGate.RDB_ERROR);
            assertThat(c.call("SET", "k", "w")).isEqualTo(misconf);
            assertThat(c.call("PING")).isEqualTo(misconf);
            assertThat(RespClient.text(c.call("GET", "k"))).as("reads go on").isEqualTo("v");
            c.call("MULTI");
            assertThat(c.call("INCR", "n")).isEqualTo(misconf);
            assertThat(c.call("EXEC")).isEqualTo(new RespClient.Error(
                    "EXECABORT Transaction discarded because of previous errors."));

            c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "no");
            assertThat(c.call("SET", "k", "w")).isEqualTo("OK");
            c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
            assertThat(c.call("SET", "k", "x")).isEqualTo(misconf);

            Files.createDirectory(dir);
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            await("BGSAVE succeeded").atMost(Duration.ofSeconds(10))
                    .until(() -> c.info("persistence").get("rdb_last_bgsave_status").equals("ok"));
            assertThat(c.call("SET", "k", "x")).isEqualTo("OK");
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void flushallWithSaveRulesSavesTheEmptyDatasetAndStopsARunningBgsave(@TempDir Path dir) {
        try (TestShard s = TestShard.start(dir, "save", "3600 1", "rdb-key-save-delay", "1000000"); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            assertThat(c.call("FLUSHALL")).isEqualTo("OK");
            assertThat(c.info("persistence")).as("the old data's BGSAVE stopped, the empty dataset saved")
                    .containsEntry("rdb_bgsave_in_progress", "0").containsEntry("rdb_changes_since_last_save", "1");
        }
        try (TestShard s = TestShard.start(dir, "save", "3600 1"); RespClient c = s.raw()) {
            assertThat(c.call("DBSIZE")).as("the flushed key does not come back").isEqualTo(0L);
        }
    }

    @Test
    void lastsaveIsTheStartTimeUntilASaveSucceeds(@TempDir Path dir) {
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            long start = (Long) c.call("LASTSAVE");
            assertThat(start).isEqualTo(s.shard().startMillis() / 1000);
            c.call("SAVE");
            assertThat((Long) c.call("LASTSAVE")).isGreaterThanOrEqualTo(start);
        }
    }

    @Test
    void shutdownSavesUnderSaveRulesAndNosaveSkipsIt(@TempDir Path saving, @TempDir Path skipping) {
        try (TestShard s = TestShard.start(saving, "save", "3600 1"); RespClient c = s.raw()) {
            c.call("SET", "kept", "yes");
            c.send(RespClient.encode("SHUTDOWN"));
            assertThat(c.isClosedByServer()).isTrue();
        }
        try (TestShard s = TestShard.start(skipping, "save", "3600 1"); RespClient c = s.raw()) {
            c.call("SET", "kept", "no");
            c.send(RespClient.encode("SHUTDOWN", "NOSAVE"));
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(skipping.resolve("dump.rdb")).doesNotExist();
        try (TestShard s = TestShard.start(saving); RespClient c = s.raw()) {
            assertThat(RespClient.text(c.call("GET", "kept"))).isEqualTo("yes");
        }
    }

    @Test
    void closingTheShardSavesWhenRulesExistButACrashDoesNot(@TempDir Path closed, @TempDir Path crashed) {
        try (TestShard s = TestShard.start(closed, "save", "3600 1"); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
        }
        TestShard victim = TestShard.start(crashed, "save", "3600 1");
        try (RespClient c = victim.raw()) {
            c.call("SET", "k", "v");
        }
        victim.shard().crash();
        assertThat(closed.resolve("dump.rdb")).exists();
        assertThat(crashed.resolve("dump.rdb")).doesNotExist();
    }

    @Test
    void shutdownSaveSavesEvenWithoutRulesAndAbortHasNothingToAbort(@TempDir Path dir) {
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
            assertThat(c.call("SHUTDOWN", "ABORT")).isEqualTo(new RespClient.Error("ERR No shutdown in progress."));
            assertThat(c.call("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo(new RespClient.Error("ERR syntax error"));
            c.send(RespClient.encode("SHUTDOWN", "SAVE"));
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(dir.resolve("dump.rdb")).exists();
    }

    @Test
    void aCorruptDumpStopsTheShardFromStartingWithTheReason(@TempDir Path dir) throws Exception {
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            c.call("SET", "k", "v");
            c.call("SAVE");
        }
        byte[] rdb = Files.readAllBytes(dir.resolve("dump.rdb"));
        rdb[rdb.length - 2] ^= 0x11;
        Files.write(dir.resolve("dump.rdb"), rdb);

        assertThatThrownBy(() -> TestShard.start(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Fatal error loading the DB").hasMessageContaining("wrong RDB checksum");
    }

    @Test
    void infoPersistenceHasRedisFieldsInRedisOrder(@TempDir Path dir) {
        List<String> redisFields;
        try (RealRedis redis = RealRedis.start(); RespClient c = redis.raw()) {
            redisFields = List.copyOf(c.info("persistence").keySet());
        }
        try (TestShard s = TestShard.start(dir); RespClient c = s.raw()) {
            Map<String, String> ours = c.info("persistence");
            assertThat(List.copyOf(ours.keySet())).isEqualTo(redisFields);
            assertThat(ours).containsEntry("aof_enabled", "0").containsEntry("rdb_last_bgsave_status", "ok")
                    .containsEntry("rdb_last_bgsave_time_sec", "-1");
        }
    }
}
