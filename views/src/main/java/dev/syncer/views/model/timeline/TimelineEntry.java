package dev.syncer.views.model.timeline;

import java.time.Instant;
import java.util.Set;

/**
 * One row of the timeline: an operation, or a sync (possibly caused by an operation) with both
 * ends' reports merged.
 *
 * @param key            identity: {@code op:<id>} or {@code sync:<seq>:<reporter>} of a sync's first report
 * @param involved       names of the shards and syncers it concerns (for the shard filter)
 * @param subject        who: "s2", "syncer c1→c2", or the operation's label
 * @param cause          the sync's cause in the console's words, or the operation kind's label
 * @param causeDetail    the numbers behind a sync's cause ("requested 843414, backlog 1..843413") and the other
 *                       end's cause when it differs; else empty
 * @param summary        one line: "1.2 KB in 15 ms · 078161… @ 618 854", "succeeded: s2 is primary"
 * @param operationLabel for a sync caused by an operation, that operation's label; else empty
 * @param expectation    "predicted partial", "likely full", "2 of 3 predictions held"; else empty
 * @param judgement      for a sync, whether it was expected or a surprise, and why
 * @param details        the full story for the details pane
 */
public record TimelineEntry(String key, Instant time, Kind kind, Set<String> involved, String subject, String cause,
                           String causeDetail, String summary, String operationLabel, String expectation, Verdict verdict,
                           SyncExpectation.Judgement judgement, String details) {

    /** An operation row's judgement: none. */
    static final SyncExpectation.Judgement NOT_A_SYNC = new SyncExpectation.Judgement(SyncExpectation.NOT_A_SYNC, "");

    public TimelineEntry {
        involved = Set.copyOf(involved);
    }

    /** What the row is. */
    public enum Kind {
        OPERATION("operation", "operation"),
        FULL_SYNC("full sync", "full"),
        PARTIAL_SYNC("partial sync", "partial");

        private final String label;
        private final String word;

        Kind(String label, String word) {
            this.label = label;
            this.word = word;
        }

        /** One word for a narrow column: "full", "partial", "operation". */
        public String word() {
            return word;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How the prediction fared. */
    public enum Verdict {
        /** Nothing was predicted. */
        NONE(""),
        /** Waiting for the syncs to happen. */
        PENDING("…"),
        /** What happened is what was predicted. */
        HELD("✓"),
        /** Something else happened. */
        MISSED("✗");

        private final String mark;

        Verdict(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }
}
