package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A small sorted set's members and scores packed as Redis packs them into a zset listpack: member,
 * score pairs in one {@link Listpack} array, kept in (score, member) order, the score an integer's
 * bytes or a double's (see {@link #scoreBytes}). Lookups scan, which is cheap at the sizes a sorted
 * set stays packed at; an edit makes a new array, so a copy shares the old one. {@link ZSetValue}
 * holds one while the set is small, and these functions read and edit it (no object per set).
 */
final class PackedZSet {

    /** Members a packed sorted set may hold: a lookup scans them, so it stays short. */
    static final int PACKED_MAX_MEMBERS = 128;
    /** The longest member a packed sorted set holds (zset-max-listpack-value's default). */
    static final int PACKED_MAX_LENGTH = 64;

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    /** The array's first byte counts the entries (at most {@link #PACKED_MAX_MEMBERS}), as a listpack's header does. */
    private static final int HEADER = 1;
    /** An empty packed sorted set (never modified, as no packed array is). */
    static final byte[] EMPTY = {0};

    private PackedZSet() {
    }

    static int size(byte[] lp) {
        return lp[0] & 0xFF;
    }

    static Double score(byte[] lp, Key member) {
        int at = Listpack.find(lp, HEADER, member.bytes(), 2);
        return at < 0 ? null : scoreAt(lp, Listpack.next(lp, at));
    }

    /**
     * Sets member's score in z's packed array: 1 if it is new, 0 if it was there, -1 if a new
     * member does not fit (nothing changed).
     */
    static int put(ZSetValue z, Key member, double score) {
        byte[] lp = (byte[]) z.data;
        int size = size(lp);
        int at = Listpack.find(lp, HEADER, member.bytes(), 2);
        if (at < 0 && (size >= PACKED_MAX_MEMBERS || member.length() > PACKED_MAX_LENGTH)) {
            return -1;
        }
        if (at >= 0) {
            lp = Listpack.replace(lp, at, Listpack.next(lp, Listpack.next(lp, at)));
            size--;
        }
        int pos = insertionPoint(lp, member.bytes(), score);
        lp = Listpack.replace(lp, pos, pos, member.bytes(), scoreBytes(score));
        z.data = counted(lp, size + 1);
        return at < 0 ? 1 : 0;
    }

    static boolean remove(ZSetValue z, Key member) {
        byte[] lp = (byte[]) z.data;
        int at = Listpack.find(lp, HEADER, member.bytes(), 2);
        if (at < 0) {
            return false;
        }
        z.data = counted(Listpack.replace(lp, at, Listpack.next(lp, Listpack.next(lp, at))), size(lp) - 1);
        return true;
    }

    /** 0-based rank of member in ascending order, or -1. */
    static long rank(byte[] lp, Key member) {
        long rank = 0;
        for (int off = HEADER; off < lp.length; off = Listpack.next(lp, Listpack.next(lp, off)), rank++) {
            if (Listpack.matches(lp, off, member.bytes())) {
                return rank;
            }
        }
        return -1;
    }

    /** Whether a member is longer than limit bytes (zsetTypeConvert's length check). */
    static boolean anyLongerThan(byte[] lp, long limit) {
        if (limit >= PACKED_MAX_LENGTH) {
            return false;
        }
        for (int off = HEADER; off < lp.length; off = Listpack.next(lp, Listpack.next(lp, off))) {
            if (Listpack.length(lp, off) > limit) {
                return true;
            }
        }
        return false;
    }

    /** The members' lengths, the first up to limit of them, for ObjectSize's sample. */
    static int[] memberLengths(byte[] lp, int limit) {
        int[] lengths = new int[Math.min(limit, size(lp))];
        for (int i = 0, off = HEADER; i < lengths.length; i++, off = Listpack.next(lp, Listpack.next(lp, off))) {
            lengths[i] = Listpack.length(lp, off);
        }
        return lengths;
    }

    /** Every entry in ascending order, decoded. */
    static void forEach(byte[] lp, ZSetValue.MemberScore action) {
        for (int off = HEADER; off < lp.length; ) {
            int s = Listpack.next(lp, off);
            action.accept(new Key(Listpack.element(lp, off)), scoreAt(lp, s));
            off = Listpack.next(lp, s);
        }
    }

    /** The entry at a 0-based index in ascending order (index below size). */
    static ZSetValue.Entry at(byte[] lp, int index) {
        int off = Listpack.seek(lp, HEADER, 2 * index);
        return new ZSetValue.Entry(new Key(Listpack.element(lp, off)), scoreAt(lp, Listpack.next(lp, off)));
    }

    /** Removes and returns z's first entry (the last with max), decoding only it; null when empty. */
    static ZSetValue.Entry pollFirst(ZSetValue z, boolean max) {
        byte[] lp = (byte[]) z.data;
        if (size(lp) == 0) {
            return null;
        }
        int off = HEADER;
        if (max) {
            for (int following; (following = Listpack.next(lp, Listpack.next(lp, off))) < lp.length; ) {
                off = following;
            }
        }
        int s = Listpack.next(lp, off);
        ZSetValue.Entry e = new ZSetValue.Entry(new Key(Listpack.element(lp, off)), scoreAt(lp, s));
        z.data = counted(Listpack.replace(lp, off, Listpack.next(lp, s)), size(lp) - 1);
        return e;
    }

    /** How many entries have a score below score (at most score when inclusive). */
    static int countScoresBelow(byte[] lp, double score, boolean inclusive) {
        int n = 0;
        for (int off = HEADER; off < lp.length; n++) {
            int s = Listpack.next(lp, off);
            double v = scoreAt(lp, s);
            if (!(v < score || (inclusive && v == score))) {
                break;
            }
            off = Listpack.next(lp, s);
        }
        return n;
    }

    /** The index of the first member not below member (not above it when inclusive), as zzlFirstInLexRange scans. */
    static int countMembersBelow(byte[] lp, Key member, boolean inclusive) {
        byte[] m = member.bytes();
        int n = 0;
        for (int off = HEADER; off < lp.length; n++) {
            int from = Listpack.data(lp, off);
            int cmp = Arrays.compareUnsigned(lp, from, from + Listpack.length(lp, off), m, 0, m.length);
            if (!(inclusive ? cmp <= 0 : cmp < 0)) {
                break;
            }
            off = Listpack.next(lp, Listpack.next(lp, off));
        }
        return n;
    }

    /** A new array just made by an edit, given its count (it is not shared yet). */
    private static byte[] counted(byte[] lp, int size) {
        lp[0] = (byte) size;
        return lp;
    }

    /** Where (score, member) goes: before the first entry that orders after it. */
    private static int insertionPoint(byte[] lp, byte[] member, double score) {
        for (int off = HEADER; off < lp.length; ) {
            int s = Listpack.next(lp, off);
            double at = scoreAt(lp, s);
            int cmp = at < score ? -1 : at > score ? 1 : 0; // zzlInsertAt's order: -0 and 0 are one score
            if (cmp == 0) {
                int from = Listpack.data(lp, off);
                cmp = Arrays.compareUnsigned(lp, from, from + Listpack.length(lp, off), member, 0, member.length);
            }
            if (cmp > 0) {
                return off;
            }
            off = Listpack.next(lp, s);
        }
        return lp.length;
    }

    private static double scoreAt(byte[] lp, int off) {
        return score(lp, Listpack.data(lp, off), Listpack.length(lp, off));
    }

    /**
     * A score as the listpack holds it: an integer score (within 7 bytes, not -0) as its shortest
     * two's complement bytes, as Redis's zzlInsertAt stores a score that is an integer as one, any
     * other as its 8 IEEE bytes. Scores are mostly small integers (ranks, counts, times): a score
     * costs 2 bytes instead of 9.
     */
    static byte[] scoreBytes(double score) {
        long n = (long) score;
        int len = Long.BYTES;
        if (n == score && n >= -(1L << 55) && n < 1L << 55 && Double.doubleToRawLongBits(score) != NEGATIVE_ZERO) {
            len = 1;
            while (n >> (8 * len - 1) != 0 && n >> (8 * len - 1) != -1) {
                len++;
            }
        }
        long v = len == Long.BYTES ? Double.doubleToRawLongBits(score) : n;
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            bytes[i] = (byte) (v >>> (8 * (len - 1 - i)));
        }
        return bytes;
    }

    /** The score held in len bytes at from (see {@link #scoreBytes}). */
    static double score(byte[] lp, int from, int len) {
        if (len == Long.BYTES) {
            long v = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                v = v << 8 | (lp[from + i] & 0xFF);
            }
            return Double.longBitsToDouble(v);
        }
        long n = lp[from]; // sign-extended
        for (int i = 1; i < len; i++) {
            n = n << 8 | (lp[from + i] & 0xFF);
        }
        return n;
    }
}
