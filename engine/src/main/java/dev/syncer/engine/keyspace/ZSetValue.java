package dev.syncer.engine.keyspace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntToLongFunction;

/**
 * A sorted set: members with scores, ordered by (score, member) as Redis orders them (ties broken
 * by binary comparison of the member).
 *
 * <p>A small sorted set is held packed (a {@link PackedZSet} array, as Redis holds it in a
 * listpack) until a new member would not fit; then it becomes a {@link ZSkipList} for good, as
 * Redis's zset becomes a skiplist and a dict. Ranges are read by rank: {@link #countScoresBelow} and
 * {@link #countMembersBelow} turn score and lex bounds into ranks, {@link #from} walks from a rank.
 */
public final class ZSetValue extends RedisValue {

    /** One member with its score, in the sorted order. */
    public record Entry(Key member, double score) {
    }

    /** Receives members with their scores, in order. */
    @FunctionalInterface
    public interface MemberScore {
        void accept(Key member, double score);
    }

    // the packed array while small (PackedZSet), else the ZSkipList: one field, so a small sorted
    // set is the value and its array (32 bytes instead of 40 and a 16-byte holder)
    Object data = PackedZSet.EMPTY;

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    public int size() {
        return data instanceof byte[] lp ? PackedZSet.size(lp) : list().size();
    }

    public Double score(Key member) {
        double score = scoreOrNaN(member);
        return score == score ? score : null;
    }

    /** member's score, or NaN when it is not in the set (no score is NaN): {@link #score} without a box. */
    public double scoreOrNaN(Key member) {
        if (data instanceof byte[] lp) {
            Double score = PackedZSet.score(lp, member);
            return score == null ? Double.NaN : score;
        }
        ZSkipList.Node n = list().find(member);
        return n == null ? Double.NaN : n.score();
    }

    /** Sets member's score; returns true if the member is new. */
    public boolean put(Key member, double score) {
        if (data instanceof byte[]) {
            int added = PackedZSet.put(this, member, score);
            if (added >= 0) {
                return added == 1;
            }
            unpack();
        }
        return list().put(member, score);
    }

    public boolean remove(Key member) {
        return data instanceof byte[] ? PackedZSet.remove(this, member) : list().remove(member);
    }

    /** Removes and returns the lowest entry (the highest with {@code max}); null when empty. */
    public Entry pollFirst(boolean max) {
        if (data instanceof byte[]) {
            return PackedZSet.pollFirst(this, max);
        }
        ZSkipList list = list();
        ZSkipList.Node n = max ? list.last() : list.first();
        if (n == null) {
            return null;
        }
        list.delete(n);
        return new Entry(n.member(), n.score());
    }

    /** 0-based rank of member in ascending order, or -1. */
    public long rank(Key member) {
        if (data instanceof byte[] lp) {
            return PackedZSet.rank(lp, member);
        }
        ZSkipList list = list();
        ZSkipList.Node n = list.find(member);
        return n == null ? -1 : list.rank(n);
    }

    /** The entry at a 0-based ascending rank, or null out of range. */
    public Entry at(long rank) {
        if (data instanceof byte[] lp) {
            return rank < 0 || rank >= PackedZSet.size(lp) ? null : PackedZSet.at(lp, (int) rank);
        }
        ZSkipList.Node n = list().at(rank);
        return n == null ? null : new Entry(n.member(), n.score());
    }

    /**
     * How many entries have a score below score (at most score when inclusive): the ascending rank
     * where a score range starts (or, inclusive of its maximum, ends).
     */
    public long countScoresBelow(double score, boolean inclusive) {
        return data instanceof byte[] lp ? PackedZSet.countScoresBelow(lp, score, inclusive)
                : list().countScoresBelow(score, inclusive);
    }

    /**
     * The ascending rank of the first member not below member (not above it when inclusive),
     * comparing members only: the bounds of a lex range, meaningful when all scores are equal.
     */
    public long countMembersBelow(Key member, boolean inclusive) {
        return data instanceof byte[] lp ? PackedZSet.countMembersBelow(lp, member, inclusive)
                : list().countMembersBelow(member, inclusive);
    }

    /**
     * Entries from a 0-based ascending rank on: upwards, or downwards when reverse. The set must
     * not change while the iterator is in use.
     */
    public Iterator<Entry> from(long rank, boolean reverse) {
        if (data instanceof byte[]) {
            List<Entry> all = snapshot();
            return new Iterator<>() {
                long at = rank;

                @Override
                public boolean hasNext() {
                    return at >= 0 && at < all.size();
                }

                @Override
                public Entry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Entry e = all.get((int) at);
                    at += reverse ? -1 : 1;
                    return e;
                }
            };
        }
        ZSkipList.Node start = list().at(rank);
        return new Iterator<>() {
            ZSkipList.Node n = start;

            @Override
            public boolean hasNext() {
                return n != null;
            }

            @Override
            public Entry next() {
                if (n == null) {
                    throw new NoSuchElementException();
                }
                Entry e = new Entry(n.member(), n.score());
                n = reverse ? n.previous() : n.next();
                return e;
            }
        };
    }

    /** Every member with its score, in ascending order, without an object per entry. */
    public void forEach(MemberScore action) {
        if (data instanceof byte[] lp) {
            PackedZSet.forEach(lp, action);
            return;
        }
        for (ZSkipList.Node n = list().first(); n != null; n = n.next()) {
            action.accept(n.member(), n.score());
        }
    }

    /**
     * The entries in ascending order, copied: for callers that change the set while going through
     * what they read (ZUNIONSTORE into a source key) and for tests.
     */
    public List<Entry> snapshot() {
        List<Entry> out = new ArrayList<>(size());
        forEach((m, s) -> out.add(new Entry(m, s)));
        return out;
    }

    /**
     * The sum of size(member's byte length) over the first members in ascending order, at most
     * limit of them: the memory estimate's sample, read after every write, so without an entry or
     * iterator per member (nor a descent to rank 0) on a skiplist.
     */
    public long sumFirstMembers(int limit, IntToLongFunction size) {
        long sum = 0;
        if (data instanceof byte[] lp) {
            for (int len : PackedZSet.memberLengths(lp, limit)) {
                sum += size.applyAsLong(len);
            }
            return sum;
        }
        ZSkipList.Node n = list().first();
        for (int i = 0; i < limit && n != null; i++, n = n.next()) {
            sum += size.applyAsLong(n.member().length());
        }
        return sum;
    }

    /** The packed form, or null once the set is a skiplist. */
    byte[] packed() {
        return data instanceof byte[] lp ? lp : null;
    }

    private ZSkipList list() {
        return (ZSkipList) data;
    }

    /** Whether a member is longer than limit bytes (zsetTypeConvert's length check). */
    public boolean anyLongerThan(long limit) {
        if (data instanceof byte[] lp) {
            return PackedZSet.anyLongerThan(lp, limit);
        }
        for (ZSkipList.Node n = list().first(); n != null; n = n.next()) {
            if (n.member().length() > limit) {
                return true;
            }
        }
        return false;
    }

    private void unpack() {
        ZSkipList list = new ZSkipList();
        PackedZSet.forEach((byte[]) data, list::put);
        data = list;
    }

    @Override
    protected RedisValue copy() {
        ZSetValue c = new ZSetValue();
        c.data = data instanceof byte[] ? data : new ZSkipList(list()); // a packed array is never modified
        return withMetaOf(c);
    }
}
