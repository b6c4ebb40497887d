package dev.syncer.views.model.timeline;

import dev.syncer.views.model.Format;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncType;
import dev.syncer.views.model.prediction.SyncPrediction;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An operation on the timeline with its predictions and the syncs actually seen: which prediction
 * each sync answers, and whether the predictions held.
 */
final class OperationTrack {

    enum Status { RUNNING, SUCCEEDED, FAILED }

    final String id;
    final String label;
    final String kindLabel;
    final Instant start;
    final List<SyncPrediction> predictions;
    /** Shard ids, endpoints and syncer ids that existed when it was predicted. */
    private final Set<String> knownIds;
    /** Ids the operation targets (for correlating events without an operation id). */
    private final Set<String> affectedIds;
    final Set<String> involvedLabels;
    /** By identity: two steps may predict equal-looking syncs of one peer, each its own. */
    private final Map<SyncPrediction, SyncReport> actual = new IdentityHashMap<>();
    private Status status = Status.RUNNING;
    private String outcome = "running";
    private Instant end;
    /** No more syncs are attributed: it failed, everything predicted was seen, or the window passed. */
    private boolean closed;

    OperationTrack(String id, String label, String kindLabel, Instant start, List<SyncPrediction> predictions,
                   Set<String> knownIds, Set<String> affectedIds, Set<String> involvedLabels) {
        this.id = id;
        this.label = label;
        this.kindLabel = kindLabel;
        this.start = start;
        this.predictions = List.copyOf(predictions);
        this.knownIds = Set.copyOf(knownIds);
        this.affectedIds = Set.copyOf(affectedIds);
        this.involvedLabels = Set.copyOf(involvedLabels);
    }

    /** Whether {@code e}, which carries no operation id, plausibly comes from this operation. */
    boolean mayHaveCaused(SyncReport e, Duration window) {
        if (e.time().isBefore(start.minusSeconds(1)) || (end != null && e.time().isAfter(end.plus(window)))) {
            return false;
        }
        return prediction(e).isPresent() || affectedIds.contains(e.reporterId()) || affectedIds.contains(e.peer());
    }

    /**
     * The prediction {@code e} answers: the receiver's own, else the next fresh shard's. An
     * operation of several steps (a migration with two hand-overs) predicts one sync of a peer per
     * step, in order: a report answers the first of them not answered yet, unless it is the other
     * side's report of a sync already seen.
     */
    Optional<SyncPrediction> prediction(SyncReport e) {
        String receiver = e.receiverId();
        SyncPrediction firstOfPeer = null;
        for (SyncPrediction p : predictions) {
            if (p.concerns(receiver)) {
                SyncReport seen = actual.get(p);
                if (seen == null || sameSync(seen, e)) {
                    return Optional.of(p);
                }
                firstOfPeer = firstOfPeer == null ? p : firstOfPeer;
            }
        }
        if (firstOfPeer != null) {
            return Optional.of(firstOfPeer);
        }
        if (!knownIds.contains(receiver)) {
            for (SyncPrediction p : predictions) {
                if (p.isFreshShard() && (!actual.containsKey(p) || actual.get(p).receiverId().equals(receiver))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Both sides report one sync with the same type, replid and offset. */
    private static boolean sameSync(SyncReport a, SyncReport b) {
        return a.type() == b.type() && a.offset() == b.offset() && a.replid().equalsIgnoreCase(b.replid());
    }

    /** Records {@code e} against its prediction; the first report of a sync counts. */
    Optional<SyncPrediction> observe(SyncReport e) {
        Optional<SyncPrediction> p = prediction(e);
        p.ifPresent(pr -> actual.putIfAbsent(pr, e));
        if (end != null && allObserved()) {
            closed = true;
        }
        return p;
    }

    /** The operation ended; false when it had already. */
    boolean finish(boolean succeeded, String text, Instant at) {
        if (status != Status.RUNNING) {
            return false;
        }
        status = succeeded ? Status.SUCCEEDED : Status.FAILED;
        outcome = (succeeded ? "succeeded: " : "failed: ") + text;
        end = at;
        closed = !succeeded || allObserved();
        return true;
    }

    /** Closes the correlation window once it has passed; true when that happened now. */
    boolean closeIfOver(Instant now, Duration window) {
        if (closed || end == null || !now.isAfter(end.plus(window))) {
            return false;
        }
        closed = true;
        return true;
    }

    /** "running", "succeeded: …" or "failed: …". */
    String outcome() {
        return outcome;
    }

    boolean allObserved() {
        return !predictions.isEmpty() && actual.size() == predictions.size();
    }

    TimelineEntry.Verdict verdict() {
        if (predictions.isEmpty()) {
            return TimelineEntry.Verdict.NONE;
        }
        boolean mismatch = actual.entrySet().stream().anyMatch(en -> en.getKey().type() != en.getValue().type());
        if (mismatch) {
            return TimelineEntry.Verdict.MISSED;
        }
        if (allObserved()) {
            return TimelineEntry.Verdict.HELD;
        }
        if (!closed) {
            return TimelineEntry.Verdict.PENDING;
        }
        return actual.isEmpty() ? TimelineEntry.Verdict.NONE : TimelineEntry.Verdict.MISSED;
    }

    String expectation() {
        int n = predictions.size();
        if (n == 0) {
            return "no sync expected";
        }
        long partial = predictions.stream().filter(p -> p.type() == SyncType.PARTIAL).count();
        String predicted = partial + " partial, " + (n - partial) + " full predicted";
        long held = actual.entrySet().stream().filter(en -> en.getKey().type() == en.getValue().type()).count();
        if (actual.isEmpty()) {
            return closed ? predicted + "; no sync observed" : predicted;
        }
        return held + " of " + n + " held";
    }

    String details() {
        StringBuilder sb = new StringBuilder();
        sb.append(label).append('\n').append("status: ").append(outcome).append('\n');
        if (predictions.isEmpty()) {
            sb.append("\nNo sync predicted.");
        }
        for (SyncPrediction p : predictions) {
            SyncReport a = actual.get(p);
            sb.append("\n").append(p.peerLabel()).append(" ← ").append(p.sourceLabel()).append(": predicted ")
                    .append(p.certain() ? "" : "likely ").append(p.type().word());
            sb.append(a == null ? (closed ? ", not observed" : ", waiting")
                    : ", actual " + a.type().word() + (a.type() == p.type() ? " ✓" : " ✗") + " (" + a.cause().display() + ")");
            sb.append("\n    ").append(Format.ruleText(p.rule()));
        }
        return sb.toString();
    }

}
