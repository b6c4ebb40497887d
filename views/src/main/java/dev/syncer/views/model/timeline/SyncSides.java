package dev.syncer.views.model.timeline;

import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One sync as both ends reported it: the receiver's report (replica or syncer side: why it asked)
 * and the source's (primary side: why the PSYNC ended as it did). Either may be missing: a real
 * redis-server reports nothing, and the other side's report may not have arrived yet.
 *
 * <p>The two reports of one sync share what the PSYNC reply carried: {@code +FULLRESYNC <replid>
 * <offset>} or {@code +CONTINUE <replid>} from the requested offset. Both ends record that replid
 * and offset, so together with the two ends and the type they identify the sync; their starts (or
 * their ends) must also lie within {@link TimelineModel#CORRELATION_WINDOW}, since two full syncs
 * with no write between them carry the same replid and offset.
 *
 * @param receiverSide the receiver's report, or null
 * @param sourceSide   the source's report, or null
 */
public record SyncSides(SyncReport receiverSide, SyncReport sourceSide) {

    public SyncSides {
        if (receiverSide == null && sourceSide == null) {
            throw new IllegalArgumentException("a sync needs at least one report");
        }
    }

    /** A sync known from one report so far. */
    public static SyncSides of(SyncReport report) {
        return isSourceSide(report) ? new SyncSides(null, report) : new SyncSides(report, null);
    }

    private static boolean isSourceSide(SyncReport r) {
        return r.side() == SyncSide.PRIMARY;
    }

    /** The report that arrived first. */
    public SyncReport first() {
        if (receiverSide == null || sourceSide == null) {
            return receiverSide != null ? receiverSide : sourceSide;
        }
        return receiverSide.time().isAfter(sourceSide.time()) ? sourceSide : receiverSide;
    }

    public Optional<SyncReport> receiverReport() {
        return Optional.ofNullable(receiverSide);
    }

    public Optional<SyncReport> sourceReport() {
        return Optional.ofNullable(sourceSide);
    }

    /** The receiving end's id (as reported; an address when the primary could not name it). */
    public String receiverId() {
        return first().receiverId();
    }

    /** The serving end's id. */
    public String sourceId() {
        SyncReport r = first();
        return isSourceSide(r) ? r.reporterId() : r.peer();
    }

    public SyncType type() {
        return first().type();
    }

    /** Failed when either end says so. */
    public SyncOutcome outcome() {
        boolean failed = (receiverSide != null && receiverSide.outcome() == SyncOutcome.FAILED)
                || (sourceSide != null && sourceSide.outcome() == SyncOutcome.FAILED);
        return failed ? SyncOutcome.FAILED : SyncOutcome.OK;
    }

    /**
     * The cause the row shows: the primary's, which decided full or partial; the receiver's when
     * only it reported.
     */
    public SyncCause cause() {
        return sourceSide != null ? sourceSide.cause() : receiverSide.cause();
    }

    /**
     * The cause's particulars, and the other end's view when it adds something:
     * "requested 843414, backlog 1..843413 · replica: link drop".
     */
    public String detail() {
        String main = sourceSide != null ? sourceSide.detail() : receiverSide.detail();
        if (sourceSide == null || receiverSide == null || receiverSide.cause() == sourceSide.cause()) {
            return main;
        }
        String other = (receiverSide.side() == SyncSide.SYNCER ? "syncer: " : "replica: ") + receiverSide.cause().display()
                + (receiverSide.detail().isEmpty() ? "" : " (" + receiverSide.detail() + ")");
        return main.isEmpty() ? other : main + " · " + other;
    }

    /**
     * Whether {@code other} is the missing end's report of this sync: the same two ends (after
     * {@code name}, which turns ids and addresses into one name), type, replid and offset, starting
     * or ending within {@code window}. A failed sync may have ended before a replid was known: then both
     * must have failed.
     */
    public boolean pairsWith(SyncReport other, Duration window, Function<String, String> name) {
        boolean source = isSourceSide(other);
        if (source ? sourceSide != null : receiverSide != null) {
            return false;
        }
        SyncReport mine = first();
        String otherSource = source ? other.reporterId() : other.peer();
        if (!name.apply(receiverId()).equals(name.apply(other.receiverId()))
                || !name.apply(sourceId()).equals(name.apply(otherSource))
                || mine.type() != other.type()) {
            return false;
        }
        // Starts or ends close together: a receiver may spend long connecting before the source sees its PSYNC.
        Duration apart = Duration.between(start(mine), start(other)).abs();
        Duration endsApart = Duration.between(mine.time(), other.time()).abs();
        if ((endsApart.compareTo(apart) < 0 ? endsApart : apart).compareTo(window) > 0) {
            return false;
        }
        if (mine.replid().isEmpty() || other.replid().isEmpty()) {
            return mine.outcome() == SyncOutcome.FAILED && other.outcome() == SyncOutcome.FAILED;
        }
        return mine.replid().equalsIgnoreCase(other.replid()) && mine.offset() == other.offset();
    }

    /** This sync with the other end's report added. */
    public SyncSides with(SyncReport other) {
        return isSourceSide(other) ? new SyncSides(receiverSide, other) : new SyncSides(other, sourceSide);
    }

    private static Instant start(SyncReport r) {
        return r.time().minus(r.duration());
    }
}
