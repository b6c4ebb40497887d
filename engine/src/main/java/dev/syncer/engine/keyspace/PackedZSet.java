package dev.syncer.engine.keyspace;

import java.util.Arrays;

/**
 * A small sorted set's members and scores packed as Redis packs them into a zset listpack: member,
 * score pairs in one {@link Listpack} array, kept in (score, member) order, the score as its 8
 * IEEE bytes. Lookups scan, which is cheap at the sizes a sorted set stays packed at; an edit makes
 * a new array, so a copy shares the old one. {@link ZSetValue} holds one while the set is small.
 */
final class PackedZSet {

    /** Members a packed sorted set may hold: a lookup scans them, so it stays short. */
    static final int PACKED_MAX_MEMBERS = 128;
    /** The longest member a packed sorted set holds (zset-max-listpack-value's default). */
    static final int PACKED_MAX_LENGTH = 64;

    private byte[] lp = Listpack.EMPTY;
    private int size;

    PackedZSet() {
    }

    PackedZSet(PackedZSet other) {
        lp = other.lp;
        size = other.size;
    }

    int size() {
        return size;
    }

    Double score(Key member) {
        int at = Listpack.find(lp, member.bytes(), 2);
        return at < 0 ? null : scoreAt(Listpack.next(lp, at));
    }

    /** Sets member's score: 1 if it is new, 0 if it was there, -1 if a new member does not fit (nothing changed). */
    int put(Key member, double score) {
        int at = Listpack.find(lp, member.bytes(), 2);
        if (at < 0 && (size >= PACKED_MAX_MEMBERS || member.length() > PACKED_MAX_LENGTH)) {
            return -1;
        }
        if (at >= 0) {
            lp = Listpack.replace(lp, at, Listpack.next(lp, Listpack.next(lp, at)));
            size--;
        }
        int pos = insertionPoint(member.bytes(), score);
        byte[] bits = new byte[Long.BYTES];
        long v = Double.doubleToRawLongBits(score);
        for (int i = 0; i < Long.BYTES; i++) {
            bits[i] = (byte) (v >>> (56 - 8 * i));
        }
        lp = Listpack.replace(lp, pos, pos, member.bytes(), bits);
        size++;
        return at < 0 ? 1 : 0;
    }

    boolean remove(Key member) {
        int at = Listpack.find(lp, member.bytes(), 2);
        if (at < 0) {
            return false;
        }
        lp = Listpack.replace(lp, at, Listpack.next(lp, Listpack.next(lp, at)));
        size--;
        return true;
    }

    /** 0-based rank of member in ascending order, or -1. */
    long rank(Key member) {
        long rank = 0;
        for (int off = 0; off < lp.length; off = Listpack.next(lp, Listpack.next(lp, off)), rank++) {
            if (Listpack.matches(lp, off, member.bytes())) {
                return rank;
            }
        }
        return -1;
    }

    /** Whether a member is longer than limit bytes (zsetTypeConvert's length check). */
    boolean anyLongerThan(long limit) {
        if (limit >= PACKED_MAX_LENGTH) {
            return false;
        }
        for (int off = 0; off < lp.length; off = Listpack.next(lp, Listpack.next(lp, off))) {
            if (Listpack.length(lp, off) > limit) {
                return true;
            }
        }
        return false;
    }

    /** The members' lengths, the first up to limit of them, for ObjectSize's sample. */
    int[] memberLengths(int limit) {
        int[] lengths = new int[Math.min(limit, size)];
        for (int i = 0, off = 0; i < lengths.length; i++, off = Listpack.next(lp, Listpack.next(lp, off))) {
            lengths[i] = Listpack.length(lp, off);
        }
        return lengths;
    }

    /** Every entry in ascending order, decoded. */
    void forEach(ZSetValue.MemberScore action) {
        for (int off = 0; off < lp.length; ) {
            int s = Listpack.next(lp, off);
            action.accept(new Key(Listpack.element(lp, off)), scoreAt(s));
            off = Listpack.next(lp, s);
        }
    }

    /** The entry at a 0-based index in ascending order (index below size). */
    ZSetValue.Entry at(int index) {
        int off = Listpack.seek(lp, 2 * index);
        return new ZSetValue.Entry(new Key(Listpack.element(lp, off)), scoreAt(Listpack.next(lp, off)));
    }

    /** Removes and returns the first entry (the last with max), decoding only it; null when empty. */
    ZSetValue.Entry pollFirst(boolean max) {
        if (size == 0) {
            return null;
        }
        int off = 0;
        if (max) {
            for (int following; (following = Listpack.next(lp, Listpack.next(lp, off))) < lp.length; ) {
                off = following;
            }
        }
        int s = Listpack.next(lp, off);
        ZSetValue.Entry e = new ZSetValue.Entry(new Key(Listpack.element(lp, off)), scoreAt(s));
        lp = Listpack.replace(lp, off, Listpack.next(lp, s));
        size--;
        return e;
    }

    /** How many entries have a score below score (at most score when inclusive). */
    int countScoresBelow(double score, boolean inclusive) {
        int n = 0;
        for (int off = 0; off < lp.length; n++) {
            int s = Listpack.next(lp, off);
            double v = scoreAt(s);
            if (!(v < score || (inclusive && v == score))) {
                break;
            }
            off = Listpack.next(lp, s);
        }
        return n;
    }

    /** The index of the first member not below member (not above it when inclusive), as zzlFirstInLexRange scans. */
    int countMembersBelow(Key member, boolean inclusive) {
        byte[] m = member.bytes();
        int n = 0;
        for (int off = 0; off < lp.length; n++) {
            int from = Listpack.data(lp, off);
            int cmp = Arrays.compareUnsigned(lp, from, from + Listpack.length(lp, off), m, 0, m.length);
            if (!(inclusive ? cmp <= 0 : cmp < 0)) {
                break;
            }
            off = Listpack.next(lp, Listpack.next(lp, off));
        }
        return n;
    }

    /** Where (score, member) goes: before the first entry that orders after it. */
    private int insertionPoint(byte[] member, double score) {
        for (int off = 0; off < lp.length; ) {
            int s = Listpack.next(lp, off);
            double at = scoreAt(s);
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

    private double scoreAt(int off) {
        int from = Listpack.data(lp, off);
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = v << 8 | (lp[from + i] & 0xFF);
        }
        return Double.longBitsToDouble(v);
    }
}
