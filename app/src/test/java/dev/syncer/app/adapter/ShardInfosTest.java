package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.views.model.port.FullSyncProgress;
import dev.syncer.views.model.port.ReplicationInfo;
import dev.syncer.views.model.port.Role;
import dev.syncer.views.model.port.RefusedEffects;
import dev.syncer.views.model.port.ShardStats;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO, as our shards and redis-server 7.0.15 print it, into the console's shard records. */
class ShardInfosTest {

    private static final Map<String, String> LAB = Map.of("127.0.0.1:7001", "east/cache/1", "127.0.0.1:7101", "east/cache/1");

    private static InfoFields info(String... lines) {
        return InfoFields.parse(String.join("\r\n", lines) + "\r\n");
    }

    private static ReplicationInfo replication(InfoFields info) {
        return ShardInfos.replication(ReplicationState.from(info), info, ep -> Optional.ofNullable(LAB.get(ep)));
    }

    @Test
    void aPrimaryListsItsReplicasButNotTheSyncersReadingIt() {
        InfoFields info = info("# Replication", "role:master", "connected_slaves:2",
                "slave0:ip=127.0.0.1,port=7002,state=online,offset=1288,lag=0",
                "slave1:ip=syncer:shop:west->east,port=0,state=online,offset=1288,lag=1",
                "master_replid:aba6628f5bdf7ba90a5956f47d0ac2d75af22c23",
                "master_replid2:0000000000000000000000000000000000000000", "master_repl_offset:1316",
                "second_repl_offset:-1", "repl_backlog_active:1", "repl_backlog_size:1048576",
                "repl_backlog_first_byte_offset:1", "repl_backlog_histlen:1316");
        ReplicationInfo r = replication(info);
        assertThat(r.role()).isEqualTo(Role.PRIMARY);
        assertThat(r.replicas()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(7002);
            assertThat(c.offset()).isEqualTo(1288);
        });
        assertThat(r.upstream()).isEmpty();
        assertThat(r.backlog().lastRequestableOffset()).as("master_repl_offset + 1").isEqualTo(1317);
        assertThat(r.replid2()).isEqualTo(ReplicationInfo.NO_REPLID);
    }

    @Test
    void theActiveActiveEffectsAShardRefusedAreCounted() {
        ShardStats stats = ShardInfos.stats(info("# ActiveActive", "active_active_enabled:1", "origin:east",
                "deltas_rejected:3", "deltas_quarantined:1", "effects_noperm:2"));
        assertThat(stats.refused()).isEqualTo(new RefusedEffects(3, 1, 2));
        assertThat(ShardInfos.stats(info("# Stats", "instantaneous_ops_per_sec:5")).refused().total())
                .as("redis-server, or a shard outside Active-Active").isZero();
    }

    @Test
    void aReplicaNamesItsUpstreamThroughTheLinkProxyItConnectsTo() {
        InfoFields info = info("# Replication", "role:slave", "master_host:127.0.0.1", "master_port:7101",
                "master_link_status:down", "master_last_io_seconds_ago:-1", "master_sync_in_progress:0",
                "slave_repl_offset:228", "master_link_down_since_seconds:4", "connected_slaves:0",
                "master_replid:4b9535c7a62247b149c7c943aa88b8ecbbce2073", "master_repl_offset:228");
        ReplicationInfo r = replication(info);
        assertThat(r.role()).isEqualTo(Role.REPLICA);
        assertThat(r.upstream()).hasValueSatisfying(u -> {
            assertThat(u.shardId()).contains("east/cache/1");
            assertThat(u.linkUp()).isFalse();
            assertThat(u.linkDownSinceSeconds()).isEqualTo(4);
        });
    }

    @Test
    void statsAddUpTheKeysOfEveryDatabase() {
        ShardStats stats = ShardInfos.stats(info("# Stats", "instantaneous_ops_per_sec:120", "sync_full:2",
                "sync_partial_ok:5", "sync_partial_err:1", "used_memory:1048576", "# Keyspace",
                "db0:keys=10,expires=0,avg_ttl=0", "db3:keys=5,expires=1,avg_ttl=100"));
        assertThat(stats.keys()).isEqualTo(15);
        assertThat(stats.opsPerSec()).isEqualTo(120);
        assertThat(stats.syncFull()).isEqualTo(2);
        assertThat(stats.syncPartialOk()).isEqualTo(5);
    }

    @Test
    void aFullSyncInProgressComesFromOurSyncSectionWithItsPhase() {
        Optional<FullSyncProgress> p = ShardInfos.fullSync(info("# Sync",
                "sync0:side=replica,type=full,peer=127.0.0.1:7001,phase=loading rdb,bytes=400,total=1000,perc=40.00,elapsed_ms=12"),
                "east/cache/1");
        assertThat(p).hasValueSatisfying(f -> {
            assertThat(f.phase()).isEqualTo("loading rdb");
            assertThat(f.doneBytes()).isEqualTo(400);
            assertThat(f.totalBytes()).isEqualTo(1000);
        });
    }

    @Test
    void aRealRedisFullSyncComesFromMasterSyncFields() {
        Optional<FullSyncProgress> p = ShardInfos.fullSync(info("# Replication", "master_sync_in_progress:1",
                "master_sync_total_bytes:-1", "master_sync_read_bytes:300"), "10.0.0.5:6379");
        assertThat(p).hasValueSatisfying(f -> {
            assertThat(f.phase()).isEqualTo("receiving rdb");
            assertThat(f.doneBytes()).isEqualTo(300);
        });
        assertThat(ShardInfos.fullSync(info("# Replication", "master_sync_in_progress:0"), "x")).isEmpty();
    }

    @Test
    void aSyncersAnnouncedAddressNamesTheSyncer() {
        assertThat(ShardInfos.syncerOf("syncer:shop:west->east:0")).contains("shop:west->east");
        assertThat(ShardInfos.syncerOf("127.0.0.1:7002")).isEmpty();
    }
}
