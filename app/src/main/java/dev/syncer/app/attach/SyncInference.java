package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.app.monitor.RedisProbe;
import dev.syncer.app.monitor.Target;
import dev.syncer.views.model.port.ConsoleEvent;
import dev.syncer.views.model.port.OperationEvent;
import dev.syncer.views.model.port.OperationKind;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncReport;
import dev.syncer.views.model.port.SyncOutcome;
import dev.syncer.views.model.port.SyncPhase;
import dev.syncer.views.model.port.SyncSide;
import dev.syncer.views.model.port.SyncType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns consecutive rounds of INFO polls of a real deployment into the timeline's sync records.
 * A replica whose link starts over (restart, lost link, new primary) is followed until its link is
 * up again; then the sync counters its primary grew by in the meantime say which kind it took
 * (observed), or, where no counter tells, what the replica showed (inferred). Counters nobody
 * claims for two rounds are a sync too quick to see from the replica's side. A promotion shows as
 * a replication ID shifted into replid2. The decisions are {@link ResyncRules}'; this class keeps
 * what they need between rounds.
 */
public final class SyncInference {

    /** Rounds a finished link waits for its primary's counter before the kind is inferred. */
    static final int PATIENCE_ROUNDS = 2;

    /** INFO server's {@code engine} on the shards of this project. */
    static final String ENGINE = "syncer-console";

    /** A replica whose link started over and is not up yet. */
    private static final class Resync {
        final String cause;
        final Instant since;
        boolean fullVisible;
        long rdbBytes = -1;
        int roundsUp;

        Resync(String cause, Instant since) {
            this.cause = cause;
            this.since = since;
        }
    }

    private final Map<Target, InfoFields> lastAnswer = new HashMap<>();
    private final Set<Target> answeredLastRound = new HashSet<>();
    private final Map<Target, Resync> resyncs = new HashMap<>();
    private final Map<String, ResyncRules.Served> unclaimed = new HashMap<>();
    private final Map<String, Integer> unclaimedAge = new HashMap<>();
    private final boolean reportPromotions;
    private long seq;
    private boolean first = true;

    /**
     * @param reportPromotions whether a promotion seen in INFO makes a timeline row: yes for a
     *                         standalone deployment; Sentinel's events and the cluster bus report
     *                         their own failovers
     */
    public SyncInference(boolean reportPromotions) {
        this.reportPromotions = reportPromotions;
    }

    /** One round of samples in; the sync records and promotions it reveals out. */
    public List<ConsoleEvent> observe(List<RedisProbe.Sample> allSamples, Instant now) {
        List<RedisProbe.Sample> samples = allSamples.stream().filter(s -> !logsItsOwnSyncs(s)).toList();
        List<ConsoleEvent> out = new ArrayList<>();
        Map<String, InfoFields> answering = new HashMap<>();
        for (RedisProbe.Sample s : samples) {
            if (s.reachable()) {
                answering.put(s.target().id(), s.info());
                countServed(s.target(), s.info());
            }
        }
        for (RedisProbe.Sample s : samples) {
            Target t = s.target();
            if (!s.reachable()) {
                if (answeredLastRound.contains(t) && "slave".equals(info(t).get("role"))) {
                    resyncs.putIfAbsent(t, new Resync("restart", now));
                }
                continue;
            }
            InfoFields before = lastAnswer.get(t);
            if (reportPromotions && ResyncRules.promoted(before, s.info())) {
                out.addAll(promotion(t, before, s.info(), now));
            }
            if (!first) {
                followReplica(t, before, s.info(), answering, now).ifPresent(out::add);
            }
        }
        out.addAll(unclaimedSyncs(answering, now));
        answeredLastRound.clear();
        for (RedisProbe.Sample s : samples) {
            if (s.reachable()) {
                lastAnswer.put(s.target(), s.info());
                answeredLastRound.add(s.target());
            }
        }
        first = false;
        return out;
    }

    /** Our own shards log every sync (SYNCEVENTS, read by the probe): nothing to infer there. */
    static boolean logsItsOwnSyncs(RedisProbe.Sample s) {
        return ENGINE.equals(s.info().get("engine"));
    }

    private InfoFields info(Target t) {
        return lastAnswer.getOrDefault(t, InfoFields.parse(""));
    }

    private void countServed(Target t, InfoFields after) {
        InfoFields before = lastAnswer.get(t);
        if (before == null && first) {
            return; // what it served before we attached is history, not news
        }
        ResyncRules.Served grew = ResyncRules.served(before, after);
        if (grew.any()) {
            unclaimed.merge(t.id(), grew, ResyncRules.Served::plus);
        }
    }

    private Optional<SyncReport> followReplica(Target t, InfoFields before, InfoFields after,
                                              Map<String, InfoFields> answering, Instant now) {
        Optional<String> cause = ResyncRules.resyncCause(before, answeredLastRound.contains(t), after);
        Resync r = resyncs.get(t);
        if (r == null && cause.isPresent()) {
            r = new Resync(cause.get(), now);
            resyncs.put(t, r);
        }
        if (r == null) {
            return Optional.empty();
        }
        String primary = ResyncRules.primaryOf(after);
        InfoFields primaryInfo = answering.get(primary);
        r.fullVisible |= ResyncRules.fullSyncVisible(before, after)
                || (primaryInfo != null && ResyncRules.replicasInFullSync(primaryInfo).contains(t.id()));
        if (after.getLong("master_sync_total_bytes", -1) > 0) {
            r.rdbBytes = after.getLong("master_sync_total_bytes", -1);
        }
        if (!ResyncRules.linkUp(after)) {
            return Optional.empty();
        }
        ResyncRules.Served pool = unclaimed.getOrDefault(primary, ResyncRules.Served.NONE);
        Optional<ResyncRules.Verdict> verdict = ResyncRules.verdict(pool, r.fullVisible,
                r.roundsUp++ >= PATIENCE_ROUNDS - 1 || primaryInfo == null);
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        resyncs.remove(t);
        if (r.cause.equals(ResyncRules.NEW_REPLICA) && !verdict.get().observed() && !r.fullVisible) {
            return Optional.empty(); // a replica found already streaming: its sync happened before we looked
        }
        unclaimed.put(primary, ResyncRules.claim(pool, verdict.get()));
        return Optional.of(record(t.id(), SyncSide.REPLICA, primary, r.cause, verdict.get(), after,
                r.rdbBytes, Duration.between(r.since, now), now));
    }

    /** Counters no replica claimed for {@link #PATIENCE_ROUNDS}: syncs that began and ended between polls. */
    private List<ConsoleEvent> unclaimedSyncs(Map<String, InfoFields> answering, Instant now) {
        List<ConsoleEvent> out = new ArrayList<>();
        for (var e : Map.copyOf(unclaimed).entrySet()) {
            String primary = e.getKey();
            ResyncRules.Served pool = e.getValue();
            if (!pool.any()) {
                unclaimed.remove(primary);
                unclaimedAge.remove(primary);
                continue;
            }
            boolean awaited = resyncs.entrySet().stream()
                    .anyMatch(r -> primary.equals(ResyncRules.primaryOf(info(r.getKey()))));
            int age = unclaimedAge.merge(primary, 1, Integer::sum);
            if (awaited || age <= PATIENCE_ROUNDS) {
                continue;
            }
            InfoFields p = answering.getOrDefault(primary, InfoFields.parse(""));
            String peer = onlyReplica(p).orElse("a replica");
            for (long i = 0; i < pool.full(); i++) {
                out.add(record(primary, SyncSide.PRIMARY, peer, "replica reconnected between polls",
                        new ResyncRules.Verdict(SyncType.FULL, true, "sync_full +1"), p, -1, Duration.ZERO, now));
            }
            for (long i = 0; i < pool.partialOk(); i++) {
                out.add(record(primary, SyncSide.PRIMARY, peer, "replica reconnected between polls",
                        new ResyncRules.Verdict(SyncType.PARTIAL, true, "sync_partial_ok +1"), p, -1, Duration.ZERO, now));
            }
            unclaimed.remove(primary);
            unclaimedAge.remove(primary);
        }
        return out;
    }

    private static Optional<String> onlyReplica(InfoFields primary) {
        if (primary.has("slave0") && !primary.has("slave1")) {
            var p = InfoFields.parts(primary.get("slave0"));
            return Optional.of(p.get("ip", "?") + ":" + p.get("port", "0"));
        }
        return Optional.empty();
    }

    private SyncReport record(String reporter, SyncSide side, String peer, String cause, ResyncRules.Verdict v,
                              InfoFields info, long rdbBytes, Duration took, Instant now) {
        String how = (v.observed() ? "observed: " : "inferred: ") + v.evidence();
        return new SyncReport(++seq, now, reporter, side, v.type(), ResyncRules.vocabulary(cause, v.type()),
                cause + " (" + how + ")", peer,
                info.get("master_replid", ""), info.getLong(side == SyncSide.REPLICA ? "slave_repl_offset"
                : "master_repl_offset", 0), rdbBytes, took,
                List.of(new SyncPhase(v.observed() ? "observed in INFO" : "inferred from INFO", took)),
                SyncOutcome.OK, Optional.empty());
    }

    /** A promotion as an operation the deployment ran by itself (Sentinel, the cluster, an operator). */
    private List<ConsoleEvent> promotion(Target t, InfoFields before, InfoFields after, Instant now) {
        String id = "promotion:" + t.id() + ":" + after.get("master_replid", "");
        String summary = t.id() + " promoted (observed in INFO): replid " + shortId(after.get("master_replid", ""))
                + ", replid2 " + shortId(after.get("master_replid2", "")) + " up to offset "
                + after.get("second_repl_offset", "?") + (before.has("master_host")
                ? ", was replica of " + ResyncRules.primaryOf(before) : "");
        return List.of(new OperationEvent(id, now, OperationKind.FAILOVER, OperationEvent.Status.STARTED, summary),
                new OperationEvent(id, now, OperationKind.FAILOVER, OperationEvent.Status.SUCCEEDED, summary));
    }

    private static String shortId(String replid) {
        return replid.length() > 8 ? replid.substring(0, 8) : replid;
    }
}
