package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.Key;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The cursor of SSCAN, HSCAN and ZSCAN, with the rule SCAN follows for keys (Database.scan): the
 * members are spread over a fixed number of buckets by their hash, the cursor is the next bucket
 * to visit, and whole buckets are returned until at least COUNT members were. A member's bucket
 * never changes, so a member present for the whole scan is returned at least once, however the
 * collection grows or shrinks in between; 0 ends the scan.
 */
final class MemberScan {

    static final int BUCKET_BITS = 10;
    static final int BUCKETS = 1 << BUCKET_BITS;

    /** One call's members and the cursor to continue from (0: done). */
    record Page<E>(List<E> members, long cursor) {
    }

    private MemberScan() {
    }

    /** A member's bucket: the high bits of its Fibonacci-spread hash, as Database spreads keys. */
    static int bucketOf(Key member) {
        return (member.hashCode() * 0x9E3779B9) >>> (32 - BUCKET_BITS);
    }

    /**
     * Members of whole buckets from cursor on, until at least count of them (or the last bucket).
     * A cursor past the buckets (one that no scan handed out) ends the scan at once.
     */
    static <E> Page<E> page(Collection<E> members, Function<E, Key> keyOf, long cursor, long count) {
        if (cursor < 0 || cursor >= BUCKETS) {
            return new Page<>(List.of(), 0);
        }
        @SuppressWarnings("unchecked")
        List<E>[] buckets = new List[BUCKETS];
        for (E e : members) {
            int b = bucketOf(keyOf.apply(e));
            if (b >= cursor) {
                if (buckets[b] == null) {
                    buckets[b] = new ArrayList<>(2);
                }
                buckets[b].add(e);
            }
        }
        List<E> out = new ArrayList<>();
        int b = (int) cursor;
        while (b < BUCKETS && out.size() < count) {
            if (buckets[b] != null) {
                out.addAll(buckets[b]);
            }
            b++;
        }
        return new Page<>(out, b >= BUCKETS ? 0 : b);
    }
}
