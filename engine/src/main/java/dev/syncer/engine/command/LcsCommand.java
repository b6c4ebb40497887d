package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.RedisValue;
import dev.syncer.engine.keyspace.StringValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/**
 * LCS, as t_string.c's {@code lcsCommand}: the longest common subsequence of two strings by the
 * classic dynamic-programming table, walked back from the end so the matches come out last
 * first, exactly as Redis lists them.
 */
final class LcsCommand {

    private LcsCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("lcs", -3, 1, 2, 1, LcsCommand::lcs, READONLY));
    }

    /** One matched range: a[aStart..aEnd] equals b[bStart..bEnd]. */
    record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    /** The LCS itself, its length and the matched ranges (last first), as lcsCommand computes them. */
    record Result(byte[] lcs, int length, List<Match> matches) {
    }

    // Format: LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]
    //         -> $lcs | :length | *4 "matches" [[[a1 a2] [b1 b2] (len)] ...] "len" :length
    private static void lcs(CommandContext ctx) {
        Args a = ctx.args();
        RedisValue va = ctx.db().get(a.key(1));
        RedisValue vb = ctx.db().get(a.key(2));
        countLookup(ctx, va);
        countLookup(ctx, vb);
        if ((va != null && !(va instanceof StringValue)) || (vb != null && !(vb instanceof StringValue))) {
            throw new CommandError("ERR The specified keys must contain string values");
        }
        boolean len = false;
        boolean idx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < a.count(); j++) {
            String opt = a.option(j);
            boolean more = j + 1 < a.count();
            if (opt.equals("IDX")) {
                idx = true;
            } else if (opt.equals("LEN")) {
                len = true;
            } else if (opt.equals("WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (opt.equals("MINMATCHLEN") && more) {
                minMatchLen = Math.max(0, a.longValue(++j));
            } else {
                throw CommandError.syntax();
            }
        }
        if (len && idx) {
            throw new CommandError("ERR If you want both the length and indexes, please just use IDX.");
        }
        byte[] x = va == null ? new byte[0] : ((StringValue) va).bytes();
        byte[] y = vb == null ? new byte[0] : ((StringValue) vb).bytes();
        long cells = (x.length + 1L) * (y.length + 1L);
        if (cells * 4 > ctx.shard().config().getLong("proto-max-bulk-len")) {
            throw new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        if (cells > Integer.MAX_VALUE - 8) {
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        Result r;
        try {
            r = compute(x, y, minMatchLen);
        } catch (OutOfMemoryError e) { // Redis's ztrymalloc failing: refused, nothing else disturbed
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        Reply out = ctx.reply();
        if (idx) {
            out.mapHeader(2);
            out.bulk("matches");
            out.arrayHeader(r.matches().size());
            for (Match m : r.matches()) {
                out.arrayHeader(withMatchLen ? 3 : 2);
                out.arrayHeader(2);
                out.integer(m.aStart());
                out.integer(m.aEnd());
                out.arrayHeader(2);
                out.integer(m.bStart());
                out.integer(m.bEnd());
                if (withMatchLen) {
                    out.integer(m.length());
                }
            }
            out.bulk("len");
            out.integer(r.length());
        } else if (len) {
            out.integer(r.length());
        } else {
            out.bulk(r.lcs());
        }
    }

    private static void countLookup(CommandContext ctx, RedisValue v) {
        if (v == null) {
            ctx.shard().stats().keyspaceMisses++;
        } else {
            ctx.shard().stats().keyspaceHits++;
        }
    }

    /** The table and the walk back of lcsCommand; ranges shorter than minMatchLen are left out. */
    static Result compute(byte[] a, byte[] b, long minMatchLen) {
        int alen = a.length;
        int blen = b.length;
        int w = blen + 1;
        int[] t = new int[(alen + 1) * w];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                t[i * w + j] = a[i - 1] == b[j - 1] ? t[(i - 1) * w + j - 1] + 1
                        : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
            }
        }
        int length = t[alen * w + blen];
        byte[] lcs = new byte[length];
        List<Match> matches = new ArrayList<>();
        int idx = length;
        int aStart = alen; // alen: no range open
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                lcs[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (t[(i - 1) * w + j] > t[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                Match m = new Match(aStart, aEnd, bStart, bEnd);
                if (minMatchLen == 0 || m.length() >= minMatchLen) {
                    matches.add(m);
                }
                aStart = alen;
            }
        }
        return new Result(lcs, length, matches);
    }
}
