package dev.syncer.engine.keyspace;

import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The members of a {@link SetValue} as a set with O(1) access by position, for SPOP and
 * SRANDMEMBER (what Redis's dictGetFairRandomKey gives a set's dict). The value holds them and this
 * is a view made per use, so a small set costs no object beyond the value and its packed array.
 * The members sit densely in an array, and an
 * open-addressing table of positions finds them by value ({@link MemberTable}). A removal moves the last member into
 * the freed position, so positions stay dense; iteration order is therefore not insertion order
 * (Redis's hashtable order is not either). Smaller than a HashSet too: one array slot plus about
 * two table longs per member instead of a node object and a {@link Key} each.
 *
 * <p>A small set is held packed instead, its members in one {@link Listpack} array in the same
 * order (as Redis holds a small set in an intset or a listpack), until it outgrows
 * {@link #PACKED_MAX_MEMBERS} members or a member outgrows {@link #PACKED_MAX_LENGTH} bytes; then it
 * becomes the table for good. A packed array is never modified, so a copy shares it.
 */
public final class MemberSet extends AbstractSet<Key> {

    /** Members a packed set may hold: a lookup scans them, so it stays short. */
    static final int PACKED_MAX_MEMBERS = 128;
    /** The longest member a packed set holds (set-max-listpack-value's default in later Redis). */
    static final int PACKED_MAX_LENGTH = 64;

    private final SetValue s; // holds the members: a set is one object, this a view of it

    /** A set of its own (for tests): a set's members are {@link SetValue#members()}. */
    MemberSet() {
        this(new SetValue());
    }

    MemberSet(SetValue s) {
        this.s = s;
    }

    @Override
    public int size() {
        return s.size();
    }

    /** The member at a position in [0, size): a uniform random member when the position is uniform. */
    public Key get(int position) {
        if (position < 0 || position >= s.size()) {
            throw new IndexOutOfBoundsException(position);
        }
        return s.data instanceof byte[] lp ? new Key(Listpack.element(lp, Listpack.seek(lp, position)))
                : new Key(((MemberTable) s.data).members[position]);
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        return s.data instanceof byte[] lp ? Listpack.find(lp, k.bytes(), 1) >= 0
                : ((MemberTable) s.data).slotOf(k.bytes(), k.hashCode()) >= 0;
    }

    @Override
    public boolean add(Key member) {
        if (s.data instanceof byte[] lp) {
            if (Listpack.find(lp, member.bytes(), 1) >= 0) {
                return false;
            }
            int size = s.packedSize & 0xFF;
            if (size < PACKED_MAX_MEMBERS && member.length() <= PACKED_MAX_LENGTH) {
                s.data = Listpack.replace(lp, lp.length, lp.length, member.bytes());
                s.packedSize = (byte) (size + 1);
                return true;
            }
            toTable(lp);
        }
        return ((MemberTable) s.data).add(member.bytes(), member.hashCode());
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        if (s.data instanceof byte[] lp) {
            int at = Listpack.find(lp, k.bytes(), 1);
            if (at < 0) {
                return false;
            }
            s.data = Listpack.moveLastInto(lp, at);
            s.packedSize--;
            return true;
        }
        MemberTable t = (MemberTable) s.data;
        int slot = t.slotOf(k.bytes(), k.hashCode());
        if (slot < 0) {
            return false;
        }
        t.removeAt(slot);
        return true;
    }

    @Override
    public void clear() {
        s.data = Listpack.EMPTY;
        s.packedSize = 0;
    }

    /** Whether every member is an integer as Redis reads one (setTypeAdd's intset check). */
    boolean allIntegers() {
        if (s.data instanceof MemberTable t) {
            for (int i = 0; i < t.size; i++) {
                if (t.members[i].length > 20 || Numbers.parseLong(t.members[i]) == null) {
                    return false;
                }
            }
            return true;
        }
        byte[] lp = (byte[]) s.data;
        for (int off = 0; off < lp.length; off = Listpack.next(lp, off)) {
            int from = Listpack.data(lp, off);
            int len = Listpack.length(lp, off);
            if (len > 20 || Numbers.parseLong(lp, from, from + len) == null) {
                return false;
            }
        }
        return true;
    }

    /** The packed members, or null once the set is a table. */
    byte[] packed() {
        return s.packed();
    }

    private void toTable(byte[] lp) {
        int size = s.packedSize & 0xFF;
        byte[][] all = new byte[Math.max(4, size + (size >> 1) + 1)][];
        int i = 0;
        for (int off = 0; off < lp.length; off = Listpack.next(lp, off)) {
            all[i++] = Listpack.element(lp, off);
        }
        s.data = new MemberTable(all, size);
        s.packedSize = 0;
    }

    /**
     * Iterates by position. A change made other than through the iterator ends it: a packed array
     * is replaced on every change, and a table counts its changes.
     */
    @Override
    public Iterator<Key> iterator() {
        return new Iterator<>() {
            private int next;
            private int off; // while packed: where the member at next starts
            private Key current;
            private Object data = s.data;
            private int expected = modCount();

            private int modCount() {
                return s.data instanceof MemberTable t ? t.modCount : 0;
            }

            @Override
            public boolean hasNext() {
                return next < s.size();
            }

            @Override
            public Key next() {
                if (data != s.data || expected != modCount()) {
                    throw new ConcurrentModificationException();
                }
                if (next >= s.size()) {
                    throw new NoSuchElementException();
                }
                if (data instanceof byte[] lp) {
                    current = new Key(Listpack.element(lp, off));
                    off = Listpack.next(lp, off);
                    next++;
                } else {
                    current = new Key(((MemberTable) data).members[next++]);
                }
                return current;
            }

            @Override
            public void remove() {
                if (current == null || data != s.data || expected != modCount()) {
                    throw new IllegalStateException();
                }
                // the last member moves into the freed position: visit that position again
                MemberSet.this.remove(current);
                current = null;
                next--;
                data = s.data;
                if (data instanceof byte[] lp) {
                    off = Listpack.seek(lp, next);
                }
                expected = modCount();
            }
        };
    }
}
