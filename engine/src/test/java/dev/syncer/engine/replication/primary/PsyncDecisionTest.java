package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationHistory;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.primary.PsyncDecision.Cause;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The boundaries observed on redis-server 7.0.15 (wire reference §3). */
class PsyncDecisionTest {

    private static final ReplicationId OLD = new ReplicationId("6a1a18c990abe2da1cf741b3cc2c68e3f456a460");
    private static final ReplicationId NEW = new ReplicationId("0e35b13f76e3202f7a575524f6cbd7a736917607");

    private ReplicationHistory history;
    private Backlog backlog;
    private long mro;

    /** A promoted node: history OLD up to 114, then NEW; backlog holds offsets 1..300. */
    @BeforeEach
    void promotedNodeWithThreeHundredBytes() {
        history = new ReplicationHistory(OLD);
        history.continueAs(NEW, 114);
        backlog = new Backlog(Backlog.MIN_SIZE, 1);
        backlog.append(Unpooled.wrappedBuffer(new byte[300]));
        mro = 300;
    }

    private PsyncDecision decide(String id, long offset) {
        return PsyncDecision.decide(id, offset, "127.0.0.1:6380", history, backlog, mro);
    }

    @Test
    void partialSyncIsAcceptedForTheCurrentIdAnywhereInTheBacklog() {
        assertThat(decide(NEW.hex(), 1).partial()).isTrue();
        assertThat(decide(NEW.hex(), 150).partial()).isTrue();
        assertThat(decide(NEW.hex(), mro + 1).partial()).as("nothing to send, nothing missing").isTrue();
    }

    @Test
    void partialSyncIsRefusedWhenOffsetLeftTheBacklog() {
        assertThat(decide(NEW.hex(), mro + 2).cause()).isEqualTo(Cause.OFFSET_OUT_OF_BACKLOG);
        assertThat(decide(NEW.hex(), 0).cause()).isEqualTo(Cause.OFFSET_OUT_OF_BACKLOG);
        assertThat(decide(NEW.hex(), -1).cause()).isEqualTo(Cause.OFFSET_OUT_OF_BACKLOG);
        backlog.append(Unpooled.wrappedBuffer(new byte[Backlog.MIN_SIZE]));
        mro += Backlog.MIN_SIZE;
        PsyncDecision d = decide(NEW.hex(), backlog.firstByteOffset() - 1);
        assertThat(d.partial()).isFalse();
        assertThat(d.describe(backlog)).isEqualTo("offset-out-of-backlog (requested " + (backlog.firstByteOffset() - 1)
                + ", backlog " + backlog.firstByteOffset() + ".." + backlog.lastByteOffset() + ")");
    }

    @Test
    void thePreviousIdIsAcceptedUpToSecondReplOffsetInclusive() {
        assertThat(decide(OLD.hex(), 115).partial()).isTrue();
        PsyncDecision beyond = decide(OLD.hex(), 116);
        assertThat(beyond.partial()).isFalse();
        assertThat(beyond.cause()).isEqualTo(Cause.OFFSET_BEYOND_HISTORY);
        assertThat(beyond.log()).isEqualTo("Partial resynchronization not accepted: Requested offset for second ID was 116, "
                + "but I can reply up to 115");
    }

    @Test
    void aQuestionMarkAlwaysMeansAFullSync() {
        PsyncDecision d = decide("?", -1);
        assertThat(d.partial()).isFalse();
        assertThat(d.cause()).isEqualTo(Cause.NEW_REPLICA);
        assertThat(d.log()).isEqualTo("Full resync requested by replica 127.0.0.1:6380");
    }

    @Test
    void anUnknownIdIsAFullSyncWithRedisWording() {
        PsyncDecision d = decide("f".repeat(40), 10);
        assertThat(d.cause()).isEqualTo(Cause.UNKNOWN_REPLID);
        assertThat(d.log()).isEqualTo("Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
                + "f".repeat(40) + "', my replication IDs are '" + NEW + "' and '" + OLD + "')");
        assertThat(decide("garbage", 10).cause()).isEqualTo(Cause.UNKNOWN_REPLID);
    }

    @Test
    void withoutABacklogEveryRequestIsAFullSync() {
        PsyncDecision d = PsyncDecision.decide(NEW.hex(), 1, "r", history, null, mro);
        assertThat(d.cause()).isEqualTo(Cause.NO_BACKLOG);
    }

    @Test
    void aReplicaAwayForTwoFailoversStillGetsAPartialSync() {
        ReplicationId third = ReplicationId.random();
        history.continueAs(third, 250);
        assertThat(decide(OLD.hex(), 115).partial()).as("two histories back").isTrue();
        assertThat(decide(NEW.hex(), 251).partial()).isTrue();
        assertThat(decide(NEW.hex(), 252).cause()).isEqualTo(Cause.OFFSET_BEYOND_HISTORY);
    }
}
