package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Numbers;
import dev.syncer.engine.keyspace.StreamId;

/**
 * Stream ID arguments as t_stream.c's streamGenericParseIDOrReply reads them: "-" and "+" (unless
 * strict), "ms" (the sequence then defaults), "ms-seq", and for XADD "ms-*"; numbers as string2ull
 * takes them. Anything else is "ERR Invalid stream ID specified as stream command argument".
 */
final class StreamIds {

    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

    private StreamIds() {
    }

    /** An ID where "-" and "+" are accepted; a missing sequence becomes {@code missingSeq}. */
    static StreamId parse(byte[] arg, long missingSeq) {
        StreamId id = parse(arg, missingSeq, false, null);
        if (id == null) {
            throw new CommandError(INVALID);
        }
        return id;
    }

    /** An ID where "-" and "+" are refused (streamParseStrictIDOrReply); sequence 0 when missing. */
    static StreamId strict(byte[] arg) {
        StreamId id = parse(arg, 0, true, null);
        if (id == null) {
            throw new CommandError(INVALID);
        }
        return id;
    }

    /** XADD's explicit ID: {@code seqGiven[0]} is cleared for "ms-*". Null when invalid. */
    static StreamId forXadd(byte[] arg, boolean[] seqGiven) {
        return parse(arg, 0, true, seqGiven);
    }

    /**
     * A range bound (streamParseIntervalIDOrReply): "(" makes it exclusive, moved one ID inward;
     * null result means the exclusive bound has no neighbour ("invalid start/end ID for the interval").
     */
    static StreamId bound(byte[] arg, boolean start) {
        boolean exclusive = arg.length > 1 && arg[0] == '(';
        if (!exclusive) {
            return parse(arg, start ? 0 : -1L);
        }
        byte[] inner = java.util.Arrays.copyOfRange(arg, 1, arg.length);
        StreamId id = parse(inner, start ? 0 : -1L, true, null);
        if (id == null) {
            throw new CommandError(INVALID);
        }
        StreamId moved = start ? id.next() : id.previous();
        if (moved == null) {
            throw new CommandError(start ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
        }
        return moved;
    }

    private static StreamId parse(byte[] s, long missingSeq, boolean strict, boolean[] seqGiven) {
        if (s.length > 127) {
            return null;
        }
        if (strict && s.length == 1 && (s[0] == '-' || s[0] == '+')) {
            return null;
        }
        if (seqGiven != null) {
            seqGiven[0] = true;
        }
        if (s.length == 1 && s[0] == '-') {
            return StreamId.MIN;
        }
        if (s.length == 1 && s[0] == '+') {
            return StreamId.MAX;
        }
        int dash = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == '-') {
                dash = i;
                break;
            }
        }
        int msEnd = dash < 0 ? s.length : dash;
        Long ms = string2ull(s, 0, msEnd);
        if (ms == null) {
            return null;
        }
        long seq;
        if (dash < 0) {
            seq = missingSeq;
        } else if (seqGiven != null && s.length - dash - 1 == 1 && s[dash + 1] == '*') {
            seq = 0;
            seqGiven[0] = false;
        } else {
            Long parsed = string2ull(s, dash + 1, s.length);
            if (parsed == null) {
                return null;
            }
            seq = parsed;
        }
        return new StreamId(ms, seq);
    }

    /** Redis's string2ull: a canonical non-negative int64, else what strtoull accepts whole. */
    static Long string2ull(byte[] s, int from, int to) {
        byte[] part = java.util.Arrays.copyOfRange(s, from, to);
        Long canonical = Numbers.parseLong(part);
        if (canonical != null) {
            return canonical < 0 ? null : canonical;
        }
        int i = 0;
        while (i < part.length && (part[i] == ' ' || (part[i] >= '\t' && part[i] <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < part.length && (part[i] == '+' || part[i] == '-')) {
            negative = part[i] == '-';
            i++;
        }
        if (i >= part.length || part.length == 0) {
            return null;
        }
        long value = 0;
        for (; i < part.length; i++) {
            int d = part[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
                return null;
            }
            long next = value * 10 + d;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                return null;
            }
            value = next;
        }
        return negative ? -value : value;
    }
}
