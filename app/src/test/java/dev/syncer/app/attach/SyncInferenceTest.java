package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.ReplicationState;
import dev.syncer.app.monitor.Target;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Syncs inferred from rounds of INFO text, as a real primary and replica would show them. */
class SyncInferenceTest {

    private static final Target PRIMARY = Target.of("127.0.0.1", 7000);
    private static final Target REPLICA = Target.of("127.0.0.1", 7001);
    private static final String R1 = "1111111111111111111111111111111111111111";
    private static final String R2 = "2222222222222222222222222222222222222222";

    private final SyncInference inference = new SyncInference(true);
    private final List<ConsoleEvent> seen = new ArrayList<>();

    private static String primary(String runId, String replid, long full, long ok, long err, String slaveState) {
        return "run_id:" + runId + "\nrole:master\nmaster_replid:" + replid + "\nmaster_replid2:" + "0".repeat(40)
                + "\nmaster_repl_offset:100\nsync_full:" + full + "\nsync_partial_ok:" + ok + "\nsync_partial_err:" + err
                + (slaveState == null ? "" : "\nslave0:ip=127.0.0.1,port=7001,state=" + slaveState + ",offset=100,lag=0");
    }

    private static String replica(String runId, String replid, String link, int syncInProgress) {
        return "run_id:" + runId + "\nrole:slave\nmaster_host:127.0.0.1\nmaster_port:7000\nmaster_link_status:" + link
                + "\nmaster_sync_in_progress:" + syncInProgress + "\nmaster_replid:" + replid
                + "\nmaster_replid2:" + "0".repeat(40) + "\nslave_repl_offset:100\nmaster_repl_offset:100";
    }

    private static RedisProbe.Sample up(Target t, String info) {
        InfoFields f = InfoFields.parse(info);
        return new RedisProbe.Sample(t, f, ReplicationState.from(f), List.of(), null);
    }

    private static RedisProbe.Sample down(Target t) {
        return new RedisProbe.Sample(t, InfoFields.parse(""), null, List.of(), "Connection refused");
    }

    private void round(RedisProbe.Sample... samples) {
        seen.addAll(inference.observe(List.of(samples), Instant.now()));
    }

    private List<SyncReport> syncs() {
        return seen.stream().filter(SyncReport.class::isInstance).map(SyncReport.class::cast).toList();
    }

    @Test
    void restartedReplicaTakingAFullSyncIsObservedFromSyncFull() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, null)), down(REPLICA));
        round(up(PRIMARY, primary("p", R1, 2, 0, 0, "send_bulk")), up(REPLICA, replica("b", R2, "down", 1)));
        round(up(PRIMARY, primary("p", R1, 2, 0, 0, "online")), up(REPLICA, replica("b", R1, "up", 0)));

        assertThat(syncs()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SyncType.FULL);
            assertThat(s.reporterId()).isEqualTo(REPLICA.id());
            assertThat(s.peer()).isEqualTo(PRIMARY.id());
            assertThat(s.detail()).startsWith("restart").contains("observed: sync_full +1");
        });
    }

    @Test
    void replicaBackFromALostLinkIsAPartialSyncWhenSyncPartialOkGrew() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, null)), up(REPLICA, replica("a", R1, "down", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 1, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));

        assertThat(syncs()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SyncType.PARTIAL);
            assertThat(s.detail()).startsWith("link lost").contains("observed: sync_partial_ok +1");
        });
    }

    @Test
    void aRefusedPartialCountsAsTheFullSyncThatFollowed() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 2, 0, 1, "wait_bgsave")), up(REPLICA, replica("a", R1, "down", 0)));
        round(up(PRIMARY, primary("p", R1, 2, 0, 1, "online")), up(REPLICA, replica("a", R1, "up", 0)));

        assertThat(syncs()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SyncType.FULL);
            assertThat(s.detail()).contains("sync_partial_err +1 (partial refused)");
        });
    }

    @Test
    void withoutACounterTheKindIsInferredAfterWaitingTwoRounds() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, null)), up(REPLICA, replica("a", R1, "down", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        assertThat(syncs()).isEmpty();
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));

        assertThat(syncs()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SyncType.PARTIAL);
            assertThat(s.detail()).contains("inferred:");
        });
    }

    @Test
    void aSyncBetweenPollsIsReportedByThePrimaryAfterTwoUnclaimedRounds() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 1, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 1, 1, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        assertThat(syncs()).isEmpty();
        round(up(PRIMARY, primary("p", R1, 1, 1, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));

        assertThat(syncs()).singleElement().satisfies(s -> {
            assertThat(s.side()).isEqualTo(SyncSide.PRIMARY);
            assertThat(s.type()).isEqualTo(SyncType.PARTIAL);
            assertThat(s.peer()).isEqualTo(REPLICA.id());
        });
    }

    @Test
    void countersServedBeforeAttachingAreNotNews() {
        round(up(PRIMARY, primary("p", R1, 5, 3, 1, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 5, 3, 1, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 5, 3, 1, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        round(up(PRIMARY, primary("p", R1, 5, 3, 1, "online")), up(REPLICA, replica("a", R1, "up", 0)));

        assertThat(seen).isEmpty();
    }

    @Test
    void aReplidShiftedIntoReplid2IsAPromotion() {
        String before = "run_id:r\nrole:slave\nmaster_replid:" + R1 + "\nmaster_replid2:" + "0".repeat(40);
        String after = "run_id:r\nrole:master\nmaster_replid:" + R2 + "\nmaster_replid2:" + R1 + "\nsecond_repl_offset:101";
        round(up(REPLICA, before));
        round(up(REPLICA, after));

        assertThat(seen).filteredOn(OperationEvent.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((OperationEvent) e).summary()).contains("promoted").contains("up to offset 101"));
    }

    @Test
    void aReplicaFoundAlreadyStreamingMakesNoRow() {
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")));
        for (int i = 0; i < 4; i++) {
            round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online")), up(REPLICA, replica("a", R1, "up", 0)));
        }

        assertThat(seen).isEmpty();
    }

    @Test
    void ourOwnShardsAreLeftToTheSyncEventsTheyLog() {
        String engine = "\nengine:syncer-console";
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, "online") + engine), up(REPLICA, replica("a", R1, "up", 0) + engine));
        round(up(PRIMARY, primary("p", R1, 1, 0, 0, null) + engine), up(REPLICA, replica("a", R1, "down", 0) + engine));
        for (int i = 0; i < 3; i++) {
            round(up(PRIMARY, primary("p", R1, 1, 1, 0, "online") + engine), up(REPLICA, replica("a", R1, "up", 0) + engine));
        }

        assertThat(seen).isEmpty();
    }
}
