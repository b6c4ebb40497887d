package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;
import dev.syncer.engine.resp.Reply;

/**
 * ZADD's flags and its score/member pairs, as t_zset.c's zaddGenericCommand reads them (ZINCRBY is
 * ZADD with INCR set), and zsetAdd's per-member decision. Shared by the plain and the
 * Active-Active ZADD so both accept, refuse and decide the same.
 *
 * @param scores the scores (or increments), one per member, already checked as floats
 */
public record ZAddOptions(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr,
                          int scoreIndex, double[] scores) {

    /** Redis's zaddGenericCommand up to the first write: flags, pair count, conflicts, then the scores. */
    public static ZAddOptions parse(Args a, boolean zincrby) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = zincrby;
        int scoreIndex = 2;
        // compared in place: the loop meets every ZADD's first score, which is no option
        for (; scoreIndex < a.count(); scoreIndex++) {
            if (a.is(scoreIndex, "NX")) {
                nx = true;
            } else if (a.is(scoreIndex, "XX")) {
                xx = true;
            } else if (a.is(scoreIndex, "CH")) {
                ch = true;
            } else if (a.is(scoreIndex, "INCR")) {
                incr = true;
            } else if (a.is(scoreIndex, "GT")) {
                gt = true;
            } else if (a.is(scoreIndex, "LT")) {
                lt = true;
            } else {
                break; // the first score
            }
        }
        int elements = a.count() - scoreIndex;
        if (elements % 2 != 0 || elements == 0) {
            throw CommandError.syntax();
        }
        elements /= 2;
        if (nx && xx) {
            throw new CommandError("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) {
            throw new CommandError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = a.doubleValue(scoreIndex + j * 2);
        }
        return new ZAddOptions(nx, xx, gt, lt, ch, incr, scoreIndex, scores);
    }

    public int elements() {
        return scores.length;
    }

    public Key member(Args a, int j) {
        return a.key(scoreIndex + 1 + j * 2);
    }

    /**
     * Redis's zsetAdd decision: the score member j ends with, given its current one (null when it is
     * not in the set), or null when the flags leave it as it is.
     */
    public Double next(int j, Double current) {
        double next = nextScore(j, current == null ? Double.NaN : current);
        return next == next ? next : null;
    }

    /**
     * {@link #next} without boxes, for ZADD's loop: current is NaN when the member is not in the
     * set (no score is NaN), and so is the answer when the flags leave the member as it is.
     */
    public double nextScore(int j, double current) {
        if (current != current) {
            return xx ? Double.NaN : scores[j];
        }
        if (nx) {
            return Double.NaN;
        }
        double next = incr ? current + scores[j] : scores[j];
        if (Double.isNaN(next)) {
            throw new CommandError("ERR resulting score is not a number (NaN)");
        }
        if ((lt && next >= current) || (gt && next <= current)) {
            return Double.NaN;
        }
        return next;
    }

    /** ZADD's reply: the new score with INCR ($-1 when not applied), else added (CH: added + updated). */
    public void reply(Reply reply, int added, int updated, boolean processed, double score) {
        if (incr) {
            if (processed) {
                reply.doubleValue(score);
            } else {
                reply.nullBulk();
            }
        } else {
            reply.integer(ch ? added + updated : added);
        }
    }
}
