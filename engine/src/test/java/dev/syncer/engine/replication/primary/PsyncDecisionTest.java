package dev.syncer.engine.replication.primary;

import dev.syncer.engine.replication.Backlog;
import dev.syncer.engine.replication.ReplicationHistory;
import dev.syncer.engine.replication.ReplicationId;
import dev.syncer.engine.replication.primary.PsyncDecision.Cause;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries observed on redis-server 7.0.15, from the truth table the console's prediction is
 * tested against too ({@code testdata/psync-boundaries.csv}); then Redis's log wording and what our
 * history adds to Redis's (several past IDs).
 */
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

    /** One row of the truth table: a primary's state, a PSYNC, and what redis-server answered. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(files = "../testdata/psync-boundaries.csv", numLinesToSkip = 1)
    void boundariesObservedOnRedisServer(String name, String replid, String replid2, long secondReplOffset,
                                         int backlogActive, long backlogFirst, long backlogHistlen,
                                         String requestedReplid, long requestedOffset, String expected,
                                         String expectedCause) {
        ReplicationHistory primary = new ReplicationHistory(new ReplicationId(replid));
        if (secondReplOffset >= 0) {
            primary.remember(new ReplicationId(replid2), secondReplOffset);
        }
        Backlog held = null;
        if (backlogActive == 1) {
            held = new Backlog((int) Math.max(Backlog.MIN_SIZE, backlogHistlen), backlogFirst); // Redis 7 trims by block: it may hold more than repl-backlog-size
            held.append(Unpooled.wrappedBuffer(new byte[(int) backlogHistlen]));
        }
        long masterReplOffset = backlogFirst + backlogHistlen - 1;
        PsyncDecision d = PsyncDecision.decide(requestedReplid, requestedOffset, "127.0.0.1:6380", primary, held,
                masterReplOffset);
        assertThat(d.partial()).as(d.log()).isEqualTo("partial".equals(expected));
        assertThat(d.cause().wire()).as(d.log()).isEqualTo(expectedCause);
    }

    @Test
    void partialSyncIsRefusedWhenOffsetLeftTheBacklogOfAWrappedRing() {
        backlog.append(Unpooled.wrappedBuffer(new byte[Backlog.MIN_SIZE]));
        mro += Backlog.MIN_SIZE;
        assertThat(decide(NEW.hex(), backlog.firstByteOffset() - 1).cause()).isEqualTo(Cause.OFFSET_OUT_OF_BACKLOG);
        assertThat(decide(NEW.hex(), backlog.firstByteOffset()).partial()).isTrue();
    }

    @Test
    void anOffsetBeyondThePreviousIdsLimitIsRefusedInRedisWords() {
        PsyncDecision beyond = decide(OLD.hex(), 116);
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
