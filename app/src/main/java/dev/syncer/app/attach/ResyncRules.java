package dev.syncer.app.attach;

import dev.syncer.app.monitor.InfoFields;
import dev.syncer.views.model.port.SyncCause;
import dev.syncer.views.model.port.SyncType;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Pure decisions over two consecutive INFO snapshots of a server: did its replication link start
 * over, is it taking a full sync, how many syncs did it serve, was it promoted. Real Redis logs no
 * sync events; these rules read what it counts and shows instead.
 */
final class ResyncRules {

    /** The cause of a replica seen for the first time. */
    static final String NEW_REPLICA = "new replica";

    private ResyncRules() {
    }

    /** Syncs a server served between two polls: {@code sync_full}, {@code sync_partial_ok}, {@code sync_partial_err}. */
    record Served(long full, long partialOk, long partialErr) {

        static final Served NONE = new Served(0, 0, 0);

        Served plus(Served o) {
            return new Served(full + o.full, partialOk + o.partialOk, partialErr + o.partialErr);
        }

        boolean any() {
            return full > 0 || partialOk > 0;
        }
    }

    /**
     * What INFO stats' counters grew by. A restarted server (new {@code run_id}) counts from zero,
     * so everything it shows now is new; a counter never goes down otherwise.
     */
    static Served served(InfoFields before, InfoFields after) {
        boolean restarted = before == null || !before.get("run_id", "").equals(after.get("run_id", ""));
        return new Served(grew(before, after, "sync_full", restarted), grew(before, after, "sync_partial_ok", restarted),
                grew(before, after, "sync_partial_err", restarted));
    }

    private static long grew(InfoFields before, InfoFields after, String field, boolean restarted) {
        long now = after.getLong(field, 0);
        return restarted ? now : Math.max(0, now - before.getLong(field, 0));
    }

    /**
     * Why a replica's link to its primary started over between two polls, as {@code replicationCron}
     * and {@code replicaofCommand} would: empty when it did not.
     *
     * @param before          the last snapshot in which it answered, null when never seen
     * @param reachableBefore whether it answered the previous poll
     */
    static Optional<String> resyncCause(InfoFields before, boolean reachableBefore, InfoFields after) {
        if (!"slave".equals(after.get("role"))) {
            return Optional.empty();
        }
        if (before == null) {
            return Optional.of(NEW_REPLICA);
        }
        if (!reachableBefore || !before.get("run_id", "").equals(after.get("run_id", ""))) {
            return Optional.of("restart");
        }
        if (!"slave".equals(before.get("role"))) {
            return Optional.of("failover: demoted to replica");
        }
        if (!primaryOf(before).equals(primaryOf(after))) {
            return Optional.of("primary changed to " + primaryOf(after));
        }
        if (!"up".equals(before.get("master_link_status")) && !"up".equals(after.get("master_link_status"))) {
            return Optional.empty(); // still down: the cause was named when it went down
        }
        if (!"up".equals(after.get("master_link_status"))) {
            return Optional.of("link lost");
        }
        return Optional.empty();
    }

    /**
     * The timeline's closed cause for a text {@link #resyncCause} gave (the text itself becomes the
     * row's detail): a restarted replica that resumed partially did so from its RDB, as Redis 7's
     * rdbPopulateSaveInfo lets it.
     */
    static SyncCause vocabulary(String cause, SyncType type) {
        if (cause.equals(NEW_REPLICA)) {
            return SyncCause.NEW_REPLICA;
        }
        if (cause.equals("restart")) {
            return type == SyncType.PARTIAL ? SyncCause.RESTART_FROM_RDB : SyncCause.STARTUP;
        }
        if (cause.startsWith("failover")) {
            return SyncCause.FAILOVER;
        }
        if (cause.startsWith("primary changed")) {
            return SyncCause.MANUAL_REPLICAOF;
        }
        if (cause.equals("link lost")) {
            return SyncCause.LINK_DROP;
        }
        return SyncCause.OTHER;
    }

    /** {@code master_host:master_port} of a replica. */
    static String primaryOf(InfoFields info) {
        return info.get("master_host", "") + ":" + info.get("master_port", "");
    }

    /** The replica has a working stream again: {@code master_link_status:up}, not loading an RDB. */
    static boolean linkUp(InfoFields info) {
        return "up".equals(info.get("master_link_status")) && info.getLong("master_sync_in_progress", 0) == 0;
    }

    /**
     * What the replica itself shows of a full sync: an RDB transfer in progress, or a replication ID
     * replaced without being kept as replid2 (a partial sync across a failover keeps the old one as
     * replid2; a full sync takes the primary's and clears replid2).
     */
    static boolean fullSyncVisible(InfoFields before, InfoFields after) {
        if (after.getLong("master_sync_in_progress", 0) == 1) {
            return true;
        }
        if (before == null || !"up".equals(after.get("master_link_status"))) {
            return false;
        }
        String was = before.get("master_replid", "");
        return !was.equals(after.get("master_replid", "")) && !was.equals(after.get("master_replid2", ""));
    }

    /** The replicas a primary is sending an RDB to: {@code slaveN} lines in {@code wait_bgsave} or {@code send_bulk}. */
    static Set<String> replicasInFullSync(InfoFields primary) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; primary.has("slave" + i); i++) {
            var p = InfoFields.parts(primary.get("slave" + i));
            String state = p.get("state", "");
            if (state.equals("wait_bgsave") || state.equals("send_bulk")) {
                out.add(p.get("ip", "?") + ":" + p.get("port", "0"));
            }
        }
        return out;
    }

    /**
     * A promotion seen in INFO: the server now runs a new history and keeps its old one as replid2
     * ({@code shiftReplicationId}), which only a failover does.
     */
    static boolean promoted(InfoFields before, InfoFields after) {
        if (before == null || !"master".equals(after.get("role"))) {
            return false;
        }
        String was = before.get("master_replid", "");
        return !was.isEmpty() && !was.equals(after.get("master_replid", "")) && was.equals(after.get("master_replid2", ""));
    }

    /**
     * The kind of sync a replica took, from its primary's unclaimed counters and what the replica
     * showed; {@code observed} when a counter on the primary says so, else inferred.
     */
    record Verdict(SyncType type, boolean observed, String evidence) {
    }

    /**
     * Mirrors what the primary decided in {@code masterTryPartialResynchronization}: a full sync
     * the replica showed takes a {@code sync_full}; otherwise a {@code sync_partial_ok} first.
     * Empty when nothing tells yet (the primary's poll may lag the replica's by a moment) and
     * {@code mustDecide} is false.
     */
    static Optional<Verdict> verdict(Served unclaimed, boolean fullVisible, boolean mustDecide) {
        if (fullVisible && unclaimed.full() > 0) {
            return Optional.of(new Verdict(SyncType.FULL, true, "sync_full +1"
                    + (unclaimed.partialErr() > 0 ? ", sync_partial_err +1 (partial refused)" : "")));
        }
        if (!fullVisible && unclaimed.partialOk() > 0) {
            return Optional.of(new Verdict(SyncType.PARTIAL, true, "sync_partial_ok +1"));
        }
        if (unclaimed.full() > 0) {
            return Optional.of(new Verdict(SyncType.FULL, true, "sync_full +1"));
        }
        if (unclaimed.partialOk() > 0) {
            return Optional.of(new Verdict(SyncType.PARTIAL, true, "sync_partial_ok +1"));
        }
        if (mustDecide || fullVisible) {
            return Optional.of(new Verdict(fullVisible ? SyncType.FULL : SyncType.PARTIAL, false,
                    fullVisible ? "replica received an RDB" : "link up again without a visible RDB"));
        }
        return Optional.empty();
    }

    /** The counters left after a verdict claimed its sync. */
    static Served claim(Served unclaimed, Verdict v) {
        if (!v.observed()) {
            return unclaimed;
        }
        return v.type() == SyncType.FULL
                ? new Served(unclaimed.full() - 1, unclaimed.partialOk(), Math.max(0, unclaimed.partialErr() - 1))
                : new Served(unclaimed.full(), unclaimed.partialOk() - 1, unclaimed.partialErr());
    }
}
