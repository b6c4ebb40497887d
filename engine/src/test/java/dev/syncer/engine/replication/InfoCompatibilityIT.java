package dev.syncer.engine.replication;

import dev.syncer.engine.testing.RealRedis;
import dev.syncer.engine.testing.RespClient;
import dev.syncer.engine.testing.TestShard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.syncer.engine.testing.ReplicationWaits.await;
import static dev.syncer.engine.testing.ReplicationWaits.awaitInSync;
import static dev.syncer.engine.testing.ReplicationWaits.info;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * INFO replication and ROLE look like redis-server's in the same situation: the same fields in
 * the same order (values differ where they must: ids, ports, offsets), so tools that parse them
 * read ours unchanged.
 */
class InfoCompatibilityIT {

    private static List<String> fields(Map<String, String> info) {
        return new ArrayList<>(info.keySet());
    }

    @Test
    void aPrimaryWithOneReplicaShowsRedisFieldsInRedisOrder() {
        try (TestShard ours = TestShard.start("repl-diskless-sync-delay", "0");
             RealRedis theirs = RealRedis.start("--repl-diskless-sync-delay", "0");
             RealRedis replicaOfOurs = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(ours.port()));
             TestShard replicaOfTheirs = TestShard.start("replicaof", "127.0.0.1 " + theirs.port())) {
            awaitInSync(ours.port(), replicaOfOurs.port());
            awaitInSync(theirs.port(), replicaOfTheirs.port());
            await("acks").until(() -> info(ours.port(), "replication").get("slave0").contains("state=online")
                    && info(theirs.port(), "replication").get("slave0").contains("state=online"));
            Map<String, String> mine = info(ours.port(), "replication");
            Map<String, String> redis = info(theirs.port(), "replication");
            assertThat(fields(mine)).isEqualTo(fields(redis));
            assertThat(mine.get("slave0")).matches("ip=127\\.0\\.0\\.1,port=" + replicaOfOurs.port()
                    + ",state=online,offset=\\d+,lag=\\d+");
            assertThat(mine.get("master_replid2")).isEqualTo(redis.get("master_replid2"));
            assertThat(mine.get("repl_backlog_size")).isEqualTo(redis.get("repl_backlog_size"));

            Map<String, String> myReplica = info(replicaOfTheirs.port(), "replication");
            Map<String, String> redisReplica = info(replicaOfOurs.port(), "replication");
            assertThat(fields(myReplica)).isEqualTo(fields(redisReplica));
            assertThat(myReplica.get("master_link_status")).isEqualTo("up");
            assertThat(myReplica.get("slave_read_only")).isEqualTo(redisReplica.get("slave_read_only"));
        }
    }

    @Test
    void aReplicaWhosePrimaryIsGoneShowsTheLinkDownFieldsAsRedisDoes() {
        int nobody = RealRedis.freePort();
        try (TestShard ours = TestShard.start("replicaof", "127.0.0.1 " + nobody);
             RealRedis theirs = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(nobody))) {
            await("both tried").until(() -> info(theirs.port(), "replication").containsKey("master_link_down_since_seconds"));
            Map<String, String> mine = info(ours.port(), "replication");
            Map<String, String> redis = info(theirs.port(), "replication");
            assertThat(fields(mine)).isEqualTo(fields(redis));
            assertThat(mine.get("master_link_down_since_seconds")).isEqualTo("-1");
            assertThat(mine.get("slave_repl_offset")).isEqualTo(redis.get("slave_repl_offset"));
            try (RespClient c = ours.raw(); RespClient r = theirs.raw()) {
                List<?> mineRole = (List<?>) c.call("ROLE");
                List<?> redisRole = (List<?>) r.call("ROLE");
                assertThat(mineRole.get(4)).isEqualTo(redisRole.get(4));
                assertThat(RespClient.text(mineRole.get(3))).isIn("connect", "connecting");
            }
        }
    }

    @Test
    void infoSyncIsAnExtraSectionOutsidePlainInfo() {
        try (TestShard ours = TestShard.start(); RespClient c = ours.raw()) {
            assertThat(RespClient.text(c.call("INFO"))).doesNotContain("# Sync");
            Map<String, String> sync = info(ours.port(), "sync");
            assertThat(sync).containsEntry("sync_in_progress", "0").containsEntry("sync_events_last_seq", "0")
                    .containsEntry("repl_state", "none");
            assertThat(RespClient.text(c.call("INFO", "all"))).contains("# Sync");
        }
    }

    @Test
    void aFreshPrimaryShowsRedisFields() {
        try (TestShard ours = TestShard.start(); RealRedis theirs = RealRedis.start()) {
            Map<String, String> mine = info(ours.port(), "replication");
            Map<String, String> redis = info(theirs.port(), "replication");
            assertThat(fields(mine)).isEqualTo(fields(redis));
            for (String f : List.of("role", "connected_slaves", "master_failover_state", "master_replid2",
                    "master_repl_offset", "second_repl_offset", "repl_backlog_active", "repl_backlog_first_byte_offset",
                    "repl_backlog_histlen")) {
                assertThat(mine.get(f)).as(f).isEqualTo(redis.get(f));
            }
        }
    }
}
