package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.StreamId;
import dev.syncer.engine.keyspace.StreamValue;
import dev.syncer.engine.server.ClientSession;

/**
 * The options XADD and XTRIM share (streamParseAddOrTrimArgsOrReply): MAXLEN or MINID with "=" or
 * "~", LIMIT, and for XADD NOMKSTREAM and the ID. Also performs the trim and the rewrite Redis
 * propagates after an approximate one ("~ n" becomes "= resulting-length-or-first-ID").
 */
final class StreamTrim {

    enum Strategy { NONE, MAXLEN, MINID }

    Strategy strategy = Strategy.NONE;
    /** Index of the MAXLEN count or MINID ID argument. */
    int strategyArg;
    boolean approx;
    long limit;
    long maxLen;
    StreamId minId;
    boolean noMkStream;
    /** XADD: index of the ID argument (argc when missing), whether an ID and its sequence were given. */
    int idPos;
    StreamId id;
    boolean idGiven;
    boolean seqGiven = true;

    /** XADD key * ...: no option, the ID generated (what redis-benchmark sends); read, never changed. */
    private static final StreamTrim STAR_AT_2 = new StreamTrim();

    static {
        STAR_AT_2.idPos = 2;
    }

    private StreamTrim() {
    }

    static StreamTrim parse(CommandContext ctx, boolean xadd, StreamNodeSettings nodes) {
        Args a = ctx.args();
        if (xadd && a.count() > 2 && isStar(a.bytes(2))) {
            return STAR_AT_2;
        }
        StreamTrim t = new StreamTrim();
        boolean limitGiven = false;
        int i = 2;
        for (; i < a.count(); i++) {
            int more = a.count() - 1 - i;
            byte[] opt = a.bytes(i);
            if (xadd && isStar(opt)) {
                break;
            } else if (a.is(i, "MAXLEN") && more > 0) {
                t.strategyOnce();
                i = t.approxOrExact(a, i, more);
                t.maxLen = a.longValue(i + 1);
                if (t.maxLen < 0) {
                    throw new CommandError("ERR The MAXLEN argument must be >= 0.");
                }
                i++;
                t.strategy = Strategy.MAXLEN;
                t.strategyArg = i;
            } else if (a.is(i, "MINID") && more > 0) {
                t.strategyOnce();
                i = t.approxOrExact(a, i, more);
                t.minId = StreamIds.strict(a.bytes(i + 1));
                i++;
                t.strategy = Strategy.MINID;
                t.strategyArg = i;
            } else if (a.is(i, "LIMIT") && more > 0) {
                t.limit = a.longValue(i + 1);
                if (t.limit < 0) {
                    throw new CommandError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && a.is(i, "NOMKSTREAM")) {
                t.noMkStream = true;
            } else if (xadd) {
                boolean[] seq = {true};
                t.id = StreamIds.forXadd(opt, seq);
                if (t.id == null) {
                    throw new CommandError(StreamIds.INVALID);
                }
                t.seqGiven = seq[0];
                t.idGiven = true;
                break;
            } else {
                throw CommandError.syntax();
            }
        }
        t.idPos = i;
        if (t.limit != 0 && t.strategy == Strategy.NONE) {
            throw new CommandError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && t.strategy == Strategy.NONE) {
            throw new CommandError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (ctx.session().kind() == ClientSession.Kind.MASTER) {
            t.limit = 0; // the primary rewrote the trim to be exact
        } else if (limitGiven) {
            if (!t.approx) {
                throw new CommandError("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else {
            t.limit = t.approx ? defaultLimit(nodes.maxEntries()) : 0;
        }
        return t;
    }

    private static boolean isStar(byte[] arg) {
        return arg.length == 1 && arg[0] == '*';
    }

    /** LIMIT's default with "~": a hundred nodes' worth of entries, from 10000 (no entry limit) to a million. */
    static long defaultLimit(long nodeMaxEntries) {
        long limit = 100 * nodeMaxEntries;
        return limit <= 0 ? 10_000 : Math.min(limit, 1_000_000);
    }

    private void strategyOnce() {
        if (strategy != Strategy.NONE) {
            throw new CommandError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
        }
    }

    /** Consumes a "~" or "=" after MAXLEN/MINID when more arguments follow; returns the new index. */
    private int approxOrExact(Args a, int i, int more) {
        approx = false;
        byte[] next = a.bytes(i + 1);
        if (more >= 2 && next.length == 1 && (next[0] == '~' || next[0] == '=')) {
            approx = next[0] == '~';
            return i + 1;
        }
        return i;
    }

    /** streamTrim with these options; the number of entries removed. */
    long apply(StreamValue s) {
        return switch (strategy) {
            case NONE -> 0;
            case MAXLEN -> s.trim(maxLen, null, approx, limit);
            case MINID -> s.trim(0, minId, approx, limit);
        };
    }

    /** streamRewriteApproxSpecifier + streamRewriteTrimArgument on a copy of argv. */
    void rewriteApprox(byte[][] argv, StreamValue s) {
        argv[strategyArg - 1] = new byte[] {'='};
        if (strategy == Strategy.MAXLEN) {
            argv[strategyArg] = Words.number(s.length());
        } else {
            // streamGetEdgeID(first, tombstones included): a node's master ID is its first entry's
            StreamId first = s.nodes().isEmpty() ? StreamId.MAX : s.nodes().firstKey();
            argv[strategyArg] = first.bytes();
        }
    }
}
