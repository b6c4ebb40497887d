package dev.syncer.app.attach;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which replica Sentinel promotes, decided the way Sentinel decides it ({@code sentinelSelectSlave}),
 * from what Sentinel itself knows: the fields of {@code SENTINEL REPLICAS}, which are as old as its
 * last INFO of each replica — not what the replicas answer now.
 */
public final class SentinelPromotion {

    /** Sentinel's ping period; a replica silent for five of them is left out. */
    static final long PING_PERIOD_MS = 1_000;
    /** Sentinel's INFO period for replicas while their master is up. */
    static final long INFO_PERIOD_MS = 10_000;

    private SentinelPromotion() {
    }

    /** One replica as Sentinel sees it. {@code runId} is empty when Sentinel has not learnt it. */
    public record Candidate(String id, String flags, long lastOkPingMs, long infoRefreshMs, long masterLinkDownMs,
                            int priority, long offset, String runId) {

        /** A {@code SENTINEL REPLICAS} entry. */
        public static Candidate of(Map<String, Object> replica) {
            return new Candidate(Replies.text(replica, "ip") + ":" + Replies.port(replica), Replies.text(replica, "flags"),
                    number(replica, "last-ok-ping-reply"), number(replica, "info-refresh"),
                    number(replica, "master-link-down-time"), (int) number(replica, "slave-priority"),
                    number(replica, "slave-repl-offset"), Replies.text(replica, "runid"));
        }

        boolean flagged(String flag) {
            return List.of(flags.split(",")).contains(flag);
        }
    }

    /** The reply of {@code SENTINEL REPLICAS <name>}. */
    public static List<Candidate> candidates(List<?> reply) {
        return Replies.maps(reply).stream().map(Candidate::of).toList();
    }

    /** The master as Sentinel sees it: its down-after period and, when s_down, for how long. */
    public record Master(long downAfterMs, boolean sDown, long sDownForMs) {

        /** The reply of {@code SENTINEL MASTER <name>}. */
        public static Master ofReply(List<?> reply) {
            return of(Replies.map(reply));
        }

        /** A {@code SENTINEL MASTER} / {@code MASTERS} entry. */
        public static Master of(Map<String, Object> master) {
            return new Master(number(master, "down-after-milliseconds"),
                    List.of(Replies.text(master, "flags").split(",")).contains("s_down"), number(master, "s-down-time"));
        }
    }

    /**
     * The replica Sentinel would promote now; empty when none qualifies (Sentinel then aborts with
     * {@code -failover-abort-no-good-slave}). Left out: s_down, o_down or disconnected replicas,
     * those that did not answer a PING for five ping periods, those whose INFO is stale (five ping
     * periods while the master is s_down, three INFO periods otherwise), those whose link to the
     * master has been down for longer than ten down-after periods (plus the master's own s_down
     * time), and replica-priority 0. Of the rest: lowest priority, then largest offset, then the
     * lexicographically smallest run id (case-insensitive; an unknown run id last).
     */
    public static Optional<Candidate> sentinelSelectSlave(Master master, List<Candidate> replicas) {
        long maxMasterDown = master.downAfterMs() * 10 + (master.sDown() ? master.sDownForMs() : 0);
        long infoValidity = master.sDown() ? PING_PERIOD_MS * 5 : INFO_PERIOD_MS * 3;
        return replicas.stream()
                .filter(r -> !r.flagged("s_down") && !r.flagged("o_down") && !r.flagged("disconnected"))
                .filter(r -> r.lastOkPingMs() <= PING_PERIOD_MS * 5)
                .filter(r -> r.priority() != 0)
                .filter(r -> r.infoRefreshMs() <= infoValidity)
                .filter(r -> r.masterLinkDownMs() <= maxMasterDown)
                .min(FOR_PROMOTION);
    }

    /** Sentinel's {@code compareSlavesForPromotion}: the first is the one promoted. */
    static final Comparator<Candidate> FOR_PROMOTION = Comparator.comparingInt(Candidate::priority)
            .thenComparing(Comparator.comparingLong(Candidate::offset).reversed())
            .thenComparing(Candidate::runId, (a, b) -> {
                if (a.isEmpty() || b.isEmpty()) {
                    return Boolean.compare(a.isEmpty(), b.isEmpty());
                }
                return a.compareToIgnoreCase(b);
            });

    /** Why {@code chosen} wins, in Sentinel's terms, for an operation's steps. */
    public static String why(Candidate chosen) {
        return chosen.id() + " (replica-priority " + chosen.priority() + ", offset " + chosen.offset() + ", run id "
                + (chosen.runId().isEmpty() ? "unknown" : chosen.runId()) + ")";
    }

    private static long number(Map<String, Object> m, String field) {
        try {
            return Long.parseLong(Replies.text(m, field));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
