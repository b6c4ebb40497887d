package dev.syncer.engine.command;

import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.digest;
import static dev.syncer.engine.testing.ReplicationWaits.field;
import static org.assertj.core.api.Assertions.assertThat;

/** The DEBUG subcommands Redis's own test suite leans on, against a running shard. */
class DebugSubcommandsIT {

    @Test
    void debugReloadSavesAndLoadsBackTheSameDatasetWithItsExpiries() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            c.call("SET", "k", "v", "EX", "1000");
            c.call("RPUSH", "l", "a", "b");
            c.call("SELECT", "9");
            c.call("HSET", "h", "f", "v");
            String before = digest(shard.port());
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("OK");
            assertThat(digest(shard.port())).isEqualTo(before);
            c.call("SELECT", "0");
            assertThat((Long) c.call("TTL", "k")).isBetween(990L, 1000L);
        }
    }

    @Test
    void debugReloadNoflushRefusesDuplicatesUnlessMergeAndLeavesTheDataIntact() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            c.call("SET", "k", "saved");
            c.call("SET", "only-saved", "v");
            c.call("SAVE");
            c.call("DEL", "only-saved");
            c.call("SET", "k", "live");
            c.call("SET", "other", "live");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH"))
                    .isEqualTo(new RespClient.Error("ERR Error trying to load the RDB dump"));
            assertThat(c.call("EXISTS", "only-saved")).isEqualTo(0L); // nothing of a refused load is applied
            assertThat(RespClient.text(c.call("GET", "k"))).isEqualTo("live");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE")).isEqualTo("OK");
            assertThat(RespClient.text(c.call("GET", "k"))).isEqualTo("saved");
            assertThat(RespClient.text(c.call("GET", "other"))).isEqualTo("live");
            assertThat(c.call("EXISTS", "only-saved")).isEqualTo(1L);
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("OK");
            assertThat(c.call("EXISTS", "other")).isEqualTo(0L);
        }
    }

    @Test
    void changeReplIdStartsANewHistoryAndForgetsThePreviousOne() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            String before = field(shard.port(), "replication", "master_replid");
            assertThat(c.call("DEBUG", "CHANGE-REPL-ID")).isEqualTo("OK");
            assertThat(field(shard.port(), "replication", "master_replid")).matches("[0-9a-f]{40}").isNotEqualTo(before);
            assertThat(field(shard.port(), "replication", "master_replid2")).isEqualTo("0".repeat(40));
            assertThat(field(shard.port(), "replication", "second_repl_offset")).isEqualTo("-1");
        }
    }

    @Test
    void withActiveExpireOffAnExpiredKeyStaysUntilTouched() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("OK");
            c.call("SET", "k", "v", "PX", "50");
            await("the key to outlive its expiry by several expire cycles").pollDelay(Duration.ofMillis(400))
                    .until(() -> c.call("DBSIZE").equals(1L));
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("OK");
            await("the active expire cycle to delete the key").until(() -> c.call("DBSIZE").equals(0L));
        }
    }

    @Test
    void debugSleepHoldsTheShardForTheTimeAsked() {
        try (TestShard shard = TestShard.start(); RespClient c = RespClient.connect(shard.port())) {
            long start = System.nanoTime();
            assertThat(c.call("DEBUG", "SLEEP", "0.3")).isEqualTo("OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }
}
