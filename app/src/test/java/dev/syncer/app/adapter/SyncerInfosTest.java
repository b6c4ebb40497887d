package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.views.model.port.Checkpoint;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.port.SyncerInfo;
import dev.syncer.views.model.port.SyncerState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code # Syncers} INFO section of an Active-Active shard into the console's syncer records. */
class SyncerInfosTest {

    private static final String R1 = "6a1a18c990abe2da1cf741b3cc2c68e3f456a460";
    private static final String R2 = "0e35b13f76e3202f7a575524f6cbd7a736917607";

    private static List<SyncerInfo> read(String... syncerLines) {
        StringBuilder info = new StringBuilder("# Syncers\r\nsyncers:" + syncerLines.length + "\r\n");
        for (int i = 0; i < syncerLines.length; i++) {
            info.append("syncer").append(i).append(':').append(syncerLines[i]).append("\r\n");
        }
        return SyncerInfos.from(InfoFields.parse(info.toString()));
    }

    @Test
    void everyFieldOfASyncerLineIsRead() {
        SyncerInfo s = read("id=shop:west->east,source=west,target=east,state=in-sync,phase=syncing stream,lag_ms=12,"
                + "lag_bytes=340,ingress_bytes=98765,offset=5000,last_sync=partial,last_cause=failover,full_syncs=1,"
                + "partial_syncs=2,checkpoints=" + R2 + "@5001;" + R1 + "@1200").getFirst();
        assertThat(s.id()).isEqualTo("shop:west->east");
        assertThat(s.databaseId()).isEqualTo("shop");
        assertThat(s.sourceClusterId()).isEqualTo("west");
        assertThat(s.targetClusterId()).isEqualTo("east");
        assertThat(s.state()).isEqualTo(SyncerState.IN_SYNC);
        assertThat(s.phase()).isEqualTo("syncing stream");
        assertThat(s.lagMillis()).isEqualTo(12);
        assertThat(s.lagBytes()).isEqualTo(340);
        assertThat(s.ingressBytes()).isEqualTo(98765);
        assertThat(s.lastSyncType()).contains(SyncType.PARTIAL);
        assertThat(s.lastSyncCause()).isEqualTo("failover");
        assertThat(s.checkpoints()).as("oldest first").containsExactly(new Checkpoint(R1, 1200), new Checkpoint(R2, 5001));
    }

    @Test
    void statesAndAMissingLastSyncReadAsTheConsoleShowsThem() {
        List<SyncerInfo> all = read("id=shop:west->north,state=syncing,last_sync=none,checkpoints=",
                "id=shop:north->east,state=stopped");
        assertThat(all).extracting(SyncerInfo::state).containsExactly(SyncerState.SYNCING, SyncerState.OUT_OF_SYNC);
        assertThat(all.getFirst().lastSyncType()).isEmpty();
        assertThat(all.getFirst().checkpoints()).isEmpty();
        assertThat(all.get(1).lagBytes()).as("absent numbers read as 0").isZero();
    }

    @Test
    void noSyncersSectionMeansNoSyncers() {
        assertThat(SyncerInfos.from(InfoFields.parse("# Replication\r\nrole:master\r\n"))).isEmpty();
    }

    @Test
    void theReporterOfASyncerEventIsNamedFromItsPeerAndTargetCluster() {
        assertThat(SyncerInfos.reporterOf("127.0.0.1:12000 (west)", "shop", "east")).isEqualTo("shop:west->east");
    }
}
