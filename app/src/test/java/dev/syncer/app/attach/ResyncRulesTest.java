package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure decisions over two INFO snapshots. */
class ResyncRulesTest {

    private static InfoFields info(String text) {
        return InfoFields.parse(text.replace(' ', '\n'));
    }

    @Test
    void aRestartedServerCountsItsSyncsFromZero() {
        var served = ResyncRules.served(info("run_id:a sync_full:9 sync_partial_ok:4"),
                info("run_id:b sync_full:1 sync_partial_ok:0"));
        assertThat(served).isEqualTo(new ResyncRules.Served(1, 0, 0));
    }

    @Test
    void counterGrowthIsTheDifference() {
        var served = ResyncRules.served(info("run_id:a sync_full:2 sync_partial_ok:4 sync_partial_err:1"),
                info("run_id:a sync_full:3 sync_partial_ok:6 sync_partial_err:1"));
        assertThat(served).isEqualTo(new ResyncRules.Served(1, 2, 0));
    }

    @Test
    void aReplicaRepointedToAnotherPrimaryNamesIt() {
        var cause = ResyncRules.resyncCause(info("run_id:a role:slave master_host:h master_port:1 master_link_status:up"),
                true, info("run_id:a role:slave master_host:h master_port:2 master_link_status:down"));
        assertThat(cause).contains("primary changed to h:2");
    }

    @Test
    void aDemotedPrimaryIsAFailoverCause() {
        var cause = ResyncRules.resyncCause(info("run_id:a role:master"), true,
                info("run_id:a role:slave master_host:h master_port:2 master_link_status:up"));
        assertThat(cause).contains("failover: demoted to replica");
    }

    @Test
    void aSteadyReplicaHasNoCause() {
        String steady = "run_id:a role:slave master_host:h master_port:1 master_link_status:up";
        assertThat(ResyncRules.resyncCause(info(steady), true, info(steady))).isEmpty();
    }

    @Test
    void aReplidReplacedWithoutBeingKeptAsReplid2IsAFullSync() {
        String r1 = "1".repeat(40);
        String r2 = "2".repeat(40);
        InfoFields before = info("master_replid:" + r1 + " master_link_status:down");
        assertThat(ResyncRules.fullSyncVisible(before, info("master_replid:" + r2 + " master_replid2:" + "0".repeat(40)
                + " master_link_status:up"))).isTrue();
        assertThat(ResyncRules.fullSyncVisible(before, info("master_replid:" + r2 + " master_replid2:" + r1
                + " master_link_status:up"))).isFalse();
    }

    @Test
    void replicasBeingSentAnRdbAreThoseInWaitBgsaveOrSendBulk() {
        InfoFields p = info("slave0:ip=127.0.0.1,port=1,state=online,offset=0,lag=0"
                + " slave1:ip=127.0.0.1,port=2,state=send_bulk,offset=0,lag=0"
                + " slave2:ip=127.0.0.1,port=3,state=wait_bgsave,offset=0,lag=0");
        assertThat(ResyncRules.replicasInFullSync(p)).containsExactly("127.0.0.1:2", "127.0.0.1:3");
    }

    @Test
    void aVisibleFullSyncPrefersSyncFullAndAnInvisibleOnePrefersSyncPartialOk() {
        var both = new ResyncRules.Served(1, 1, 0);
        assertThat(ResyncRules.verdict(both, true, false)).get().extracting(ResyncRules.Verdict::type).isEqualTo(SyncType.FULL);
        assertThat(ResyncRules.verdict(both, false, false)).get().extracting(ResyncRules.Verdict::type)
                .isEqualTo(SyncType.PARTIAL);
        assertThat(ResyncRules.verdict(ResyncRules.Served.NONE, false, false)).isEmpty();
        assertThat(ResyncRules.verdict(ResyncRules.Served.NONE, false, true)).get()
                .extracting(ResyncRules.Verdict::observed).isEqualTo(false);
    }
}
