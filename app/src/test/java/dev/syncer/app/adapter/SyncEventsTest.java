package dev.syncer.app.adapter;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SYNCEVENTS entries, read by field name, into the console's sync events. */
class SyncEventsTest {

    /** The 13 fields in the order our shards send them. */
    private static Map<String, String> event(String cause, String detail) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("seq", "7");
        f.put("time_ms", "1700000000000");
        f.put("side", "primary");
        f.put("type", "full");
        f.put("cause", cause);
        if (detail != null) {
            f.put("detail", detail);
        }
        f.put("peer", "127.0.0.1:7002");
        f.put("replid", "8f3a12c9d0b14e7fa26c55e01d9b7c3e4a6f2b18");
        f.put("offset", "843414");
        f.put("bytes", "2048");
        f.put("duration_ms", "40");
        f.put("phases", "psync:0ms,wait-bgsave:3ms,transfer:35ms");
        f.put("outcome", "ok");
        return f;
    }

    private static SyncReport read(Map<String, String> fields) {
        return SyncEvents.from(InfoFields.of(fields), "east/cache/1", peer -> Optional.of("east/cache/2"), Optional.of("op-1"));
    }

    @Test
    void everyFieldIsReadByName() {
        SyncReport e = read(event("offset-out-of-backlog", "requested 843414, backlog 1..843413"));
        assertThat(e.seq()).isEqualTo(7);
        assertThat(e.side()).isEqualTo(SyncSide.PRIMARY);
        assertThat(e.type()).isEqualTo(SyncType.FULL);
        assertThat(e.cause()).isEqualTo(SyncCause.OFFSET_OUT_OF_BACKLOG);
        assertThat(e.detail()).isEqualTo("requested 843414, backlog 1..843413");
        assertThat(e.peer()).isEqualTo("east/cache/2");
        assertThat(e.receiverId()).isEqualTo("east/cache/2");
        assertThat(e.offset()).isEqualTo(843414);
        assertThat(e.bytes()).isEqualTo(2048);
        assertThat(e.duration()).isEqualTo(Duration.ofMillis(40));
        assertThat(e.time()).as("when it ended").isEqualTo(Instant.ofEpochMilli(1700000000040L));
        assertThat(e.phases()).containsExactly(new SyncPhase("psync", Duration.ZERO),
                new SyncPhase("wait-bgsave", Duration.ofMillis(3)), new SyncPhase("transfer", Duration.ofMillis(35)));
        assertThat(e.outcome()).isEqualTo(SyncOutcome.OK);
        assertThat(e.operationId()).contains("op-1");
    }

    @Test
    void aDualChannelSyncIsAFullSyncWithItsOwnPhases() {
        Map<String, String> f = event("new-replica", "dual-channel: 17448741 stream bytes buffered");
        f.put("side", "replica");
        f.put("phases", "connect:1ms,handshake:2ms,psync:1ms,rdb-channel:4ms,transfer:50ms,load:60ms,apply-buffered:9ms");
        SyncReport e = read(f);
        assertThat(e.type()).isEqualTo(SyncType.FULL);
        assertThat(e.detail()).isEqualTo("dual-channel: 17448741 stream bytes buffered");
        assertThat(e.phases()).extracting(SyncPhase::name).containsExactly("connect", "handshake", "psync", "rdb-channel",
                "transfer", "load", "apply-buffered");
        assertThat(e.phases().get(6).duration()).isEqualTo(Duration.ofMillis(9));
    }

    @Test
    void theOldTwelveFieldFormKeepsItsNumbersInTheCause() {
        SyncReport e = read(event("offset-out-of-backlog (requested 843414, backlog 1..843413)", null));
        assertThat(e.cause()).isEqualTo(SyncCause.OFFSET_OUT_OF_BACKLOG);
        assertThat(e.detail()).isEqualTo("requested 843414, backlog 1..843413");
    }

    @Test
    void fieldsInAnotherOrderAndUnknownExtraFieldsReadTheSame() {
        Map<String, String> shuffled = new LinkedHashMap<>();
        shuffled.put("future_field", "whatever");
        Map<String, String> f = event("link-drop", "");
        f.keySet().stream().sorted().forEach(k -> shuffled.put(k, f.get(k)));
        SyncReport e = read(shuffled);
        assertThat(e.cause()).isEqualTo(SyncCause.LINK_DROP);
        assertThat(e.detail()).isEmpty();
        assertThat(e.offset()).isEqualTo(843414);
    }

    @Test
    void anUnknownCauseIsOtherAndKeepsItsWordInTheDetail() {
        SyncReport e = read(event("cosmic-ray", ""));
        assertThat(e.cause()).isEqualTo(SyncCause.OTHER);
        assertThat(e.detail()).isEqualTo("cosmic-ray");
    }

    @Test
    void aFailedSyncAndAReplicaSideReport() {
        Map<String, String> f = event("startup", "");
        f.put("side", "replica");
        f.put("type", "partial");
        f.put("outcome", "failed: connection lost");
        SyncReport e = read(f);
        assertThat(e.side()).isEqualTo(SyncSide.REPLICA);
        assertThat(e.type()).isEqualTo(SyncType.PARTIAL);
        assertThat(e.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(e.receiverId()).isEqualTo("east/cache/1");
    }

    @Test
    void aSyncerNamesItsSourceAsAnAddressWithTheClusterInWords() {
        Map<String, String> f = event("failover", "");
        f.put("side", "syncer");
        f.put("peer", "127.0.0.1:12000 (west)");
        SyncReport e = SyncEvents.from(InfoFields.of(f), "shop:west->east", peer -> peer.equals("127.0.0.1:12000")
                ? Optional.of("west/shop/1") : Optional.empty(), Optional.empty());
        assertThat(e.side()).isEqualTo(SyncSide.SYNCER);
        assertThat(e.peer()).isEqualTo("west/shop/1");
    }
}
