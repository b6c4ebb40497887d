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
 * listpack) until a new member would not fit; then it becomes a {@link BigZSet} for good, as
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

    // the packed array while small (PackedZSet), else the BigZSet: one field, so a small sorted
    // set is the value and its array (32 bytes instead of 40 and a 16-byte holder)
    Object data = PackedZSet.EMPTY;

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    public int size() {
        return data instanceof byte[] lp ? PackedZSet.size(lp) : big().size();
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
        return big().score(member);
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
        return big().put(member, score);
    }

    public boolean remove(Key member) {
        return data instanceof byte[] ? PackedZSet.remove(this, member) : big().remove(member);
    }

    /** Removes and returns the lowest entry (the highest with {@code max}); null when empty. */
    public Entry pollFirst(boolean max) {
        if (data instanceof byte[]) {
            return PackedZSet.pollFirst(this, max);
        }
        BigZSet big = big();
        ZOrderTree.Cursor c = max ? big.order.last() : big.order.first();
        if (!c.valid()) {
            return null;
        }
        Entry e = new Entry(c.member(), c.score());
        big.remove(e.member());
        return e;
    }

    /** 0-based rank of member in ascending order, or -1. */
    public long rank(Key member) {
        if (data instanceof byte[] lp) {
            return PackedZSet.rank(lp, member);
        }
        return big().rank(member);
    }

    /** The entry at a 0-based ascending rank, or null out of range. */
    public Entry at(long rank) {
        if (data instanceof byte[] lp) {
            return rank < 0 || rank >= PackedZSet.size(lp) ? null : PackedZSet.at(lp, (int) rank);
        }
        ZOrderTree.Cursor c = big().order.at(rank);
        return c.valid() ? new Entry(c.member(), c.score()) : null;
    }

    /**
     * How many entries have a score below score (at most score when inclusive): the ascending rank
     * where a score range starts (or, inclusive of its maximum, ends).
     */
    public long countScoresBelow(double score, boolean inclusive) {
        return data instanceof byte[] lp ? PackedZSet.countScoresBelow(lp, score, inclusive)
                : big().order.countWhile((s, m) -> s < score || (inclusive && s == score));
    }

    /**
     * The ascending rank of the first member not below member (not above it when inclusive),
     * comparing members only: the bounds of a lex range, meaningful when all scores are equal.
     */
    public long countMembersBelow(Key member, boolean inclusive) {
        return data instanceof byte[] lp ? PackedZSet.countMembersBelow(lp, member, inclusive)
                : big().order.countWhile((s, m) -> {
                    int cmp = m.compareTo(member);
                    return inclusive ? cmp <= 0 : cmp < 0;
                });
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
        ZOrderTree.Cursor c = big().order.at(rank);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return c.valid();
            }

            @Override
            public Entry next() {
                if (!c.valid()) {
                    throw new NoSuchElementException();
                }
                Entry e = new Entry(c.member(), c.score());
                if (reverse) {
                    c.previous();
                } else {
                    c.next();
                }
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
        for (ZOrderTree.Cursor c = big().order.first(); c.valid(); c.next()) {
            action.accept(c.member(), c.score());
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
     * iterator per member (nor a descent to rank 0) on a big set.
     */
    public long sumFirstMembers(int limit, IntToLongFunction size) {
        long sum = 0;
        if (data instanceof byte[] lp) {
            for (int len : PackedZSet.memberLengths(lp, limit)) {
                sum += size.applyAsLong(len);
            }
            return sum;
        }
        ZOrderTree.Cursor c = big().order.first();
        for (int i = 0; i < limit && c.valid(); i++, c.next()) {
            sum += size.applyAsLong(c.member().length());
        }
        return sum;
    }

    /** The packed form, or null once the set is big. */
    byte[] packed() {
        return data instanceof byte[] lp ? lp : null;
    }

    private BigZSet big() {
        return (BigZSet) data;
    }

    /** Whether a member is longer than limit bytes (zsetTypeConvert's length check). */
    public boolean anyLongerThan(long limit) {
        if (data instanceof byte[] lp) {
            return PackedZSet.anyLongerThan(lp, limit);
        }
        for (ZOrderTree.Cursor c = big().order.first(); c.valid(); c.next()) {
            if (c.member().length() > limit) {
                return true;
            }
        }
        return false;
    }

    private void unpack() {
        BigZSet big = new BigZSet();
        PackedZSet.forEach((byte[]) data, big::put);
        data = big;
    }

    @Override
    protected RedisValue copy() {
        ZSetValue c = new ZSetValue();
        c.data = data instanceof byte[] ? data : new BigZSet(big()); // a packed array is never modified
        return withMetaOf(c);
    }
}
