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
        header(r, entries.size(), withScores);
        for (ZSetValue.Entry e : entries) {
            entry(r, e.member().bytes(), e.score(), withScores);
        }
    }

    /** A whole sorted set in ascending order. */
    static void entries(Reply r, ZSetValue zset, boolean withScores) {
        header(r, zset.size(), withScores);
        zset.forEach((m, score) -> entry(r, m.bytes(), score, withScores));
    }

    private static void header(Reply r, int size, boolean withScores) {
        r.arrayHeader(withScores && !r.resp3() ? size * 2 : size);
    }

    private static void entry(Reply r, byte[] member, double score, boolean withScores) {
        if (withScores && r.resp3()) {
            r.arrayHeader(2);
        }
        r.bulk(member);
        if (withScores) {
            r.doubleValue(score);
        }
    }
}
