package dev.syncer.views.model.prediction;

import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one operation's predictions compare with the syncs that followed it: each sync answers the
 * first prediction of its receiver not answered yet (a fresh shard's, for a receiver the snapshot
 * did not know); a sync nobody predicted and a prediction no sync answered are both misses.
 * Both ends' reports of one sync count once.
 */
public record PredictionScore(List<Line> lines) {

    /** One prediction with the sync that answered it, or one sync that no prediction named. */
    public record Line(Optional<SyncPrediction> prediction, Optional<SyncReport> actual) {

        /** Predicted and seen with the predicted type. */
        public boolean held() {
            return prediction.isPresent() && actual.isPresent() && prediction.get().type() == actual.get().type();
        }

        /** The prediction said "likely". */
        public boolean likely() {
            return prediction.map(p -> !p.certain()).orElse(false);
        }

        /** "s3 ← s1: predicted partial, actual full (offset-out-of-backlog)". */
        public String describe() {
            String who = prediction.map(p -> p.peerLabel() + " ← " + p.sourceLabel())
                    .orElseGet(() -> actual.orElseThrow().receiverId());
            String predicted = prediction.map(p -> "predicted " + (p.certain() ? "" : "likely ") + p.type().word())
                    .orElse("not predicted");
            String seen = actual.map(a -> "actual " + a.type().word() + " (" + a.cause().display() + ")")
                    .orElse("no sync seen");
            return who + ": " + predicted + ", " + seen + (held() ? " ✓" : " ✗");
        }
    }

    public PredictionScore {
        lines = List.copyOf(lines);
    }

    /**
     * Scores {@code predictions} against {@code reports} (any order, failed attempts ignored);
     * {@code knownIds} are the shard ids, endpoints and syncer ids that existed when they were made.
     */
    public static PredictionScore score(List<SyncPrediction> predictions, List<SyncReport> reports, Set<String> knownIds) {
        Map<SyncPrediction, SyncReport> answered = new IdentityHashMap<>();
        List<Line> unpredicted = new ArrayList<>();
        for (SyncReport sync : distinctSyncs(reports)) {
            Optional<SyncPrediction> p = firstOpen(predictions, answered, sync, knownIds);
            if (p.isPresent()) {
                answered.put(p.get(), sync);
            } else {
                unpredicted.add(new Line(Optional.empty(), Optional.of(sync)));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (SyncPrediction p : predictions) {
            lines.add(new Line(Optional.of(p), Optional.ofNullable(answered.get(p))));
        }
        lines.addAll(unpredicted);
        return new PredictionScore(lines);
    }

    private static Optional<SyncPrediction> firstOpen(List<SyncPrediction> predictions, Map<SyncPrediction, SyncReport> answered,
                                                      SyncReport sync, Set<String> knownIds) {
        String receiver = sync.receiverId();
        for (SyncPrediction p : predictions) {
            if (p.concerns(receiver) && !answered.containsKey(p)) {
                return Optional.of(p);
            }
        }
        if (!knownIds.contains(receiver)) {
            return predictions.stream().filter(p -> p.isFreshShard() && !answered.containsKey(p)).findFirst();
        }
        return Optional.empty();
    }

    /**
     * One report per sync, oldest first: the receiver's where there is one. The primary's report of
     * a sync names the same receiver, type, replid and offset; two syncs of one replica may too (a
     * resume, then another with no write between), so reports pair up one from each side.
     */
    static List<SyncReport> distinctSyncs(List<SyncReport> reports) {
        Map<String, List<SyncReport>> served = new LinkedHashMap<>();
        Map<String, List<SyncReport>> received = new LinkedHashMap<>();
        reports.stream().filter(r -> r.outcome() == SyncOutcome.OK).forEach(r -> {
            String key = r.receiverId() + "|" + r.type() + "|" + r.replid().toLowerCase(Locale.ROOT) + "|" + r.offset();
            (r.side() == SyncSide.PRIMARY ? served : received).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        });
        List<SyncReport> syncs = new ArrayList<>();
        received.values().forEach(syncs::addAll);
        served.forEach((key, list) -> {
            int pairedAlready = received.getOrDefault(key, List.of()).size();
            syncs.addAll(list.subList(Math.min(pairedAlready, list.size()), list.size()));
        });
        syncs.sort(Comparator.comparing(SyncReport::time));
        return syncs;
    }

    public long held() {
        return lines.stream().filter(Line::held).count();
    }

    /** Predictions not held, plus syncs nobody predicted. */
    public long missed() {
        return lines.size() - held();
    }

    /** Predictions that said "likely". */
    public long likely() {
        return lines.stream().filter(Line::likely).count();
    }

    public long partialSeen() {
        return lines.stream().filter(l -> l.actual().map(a -> a.type() == SyncType.PARTIAL).orElse(false)).count();
    }

    public long fullSeen() {
        return lines.stream().filter(l -> l.actual().map(a -> a.type() == SyncType.FULL).orElse(false)).count();
    }
}
