package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.ZSetValue;
import dev.syncer.engine.resp.Reply;

import java.util.Collection;

/**
 * Sorted-set members with their scores, as zrangeResultEmit* writes them: a flat array
 * [member, score, ...] in RESP2, an array of [member, double] pairs in RESP3.
 */
final class ScoredReply {

    private ScoredReply() {
    }

    static void entries(Reply r, Collection<ZSetValue.Entry> entries, boolean withScores) {
        boolean pairs = withScores && r.resp3();
        r.arrayHeader(withScores && !pairs ? entries.size() * 2 : entries.size());
        for (ZSetValue.Entry e : entries) {
            if (pairs) {
                r.arrayHeader(2);
            }
            r.bulk(e.member().bytes());
            if (withScores) {
                r.doubleValue(e.score());
            }
        }
    }
}
