package dev.syncer.engine.keyspace;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The members of a {@link SetValue} as a set with O(1) access by position, for SPOP and
 * SRANDMEMBER (what Redis's dictGetFairRandomKey gives a set's dict). The value holds them and this
 * is a view made per use, so a small set costs no object beyond the value and its packed array.
 * The members sit densely in an array, and an
 * open-addressing table of positions finds them by value. A removal moves the last member into
 * the freed position, so positions stay dense; iteration order is therefore not insertion order
 * (Redis's hashtable order is not either). Smaller than a HashSet too: one array slot plus about
 * two table ints per member instead of a node object each.
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
    private static final int MIN_TABLE = 8;

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
        return s.size;
    }

    /** The member at a position in [0, size): a uniform random member when the position is uniform. */
    public Key get(int position) {
        if (position < 0 || position >= s.size) {
            throw new IndexOutOfBoundsException(position);
        }
        return s.packed != null ? new Key(Listpack.element(s.packed, Listpack.seek(s.packed, position))) : s.members[position];
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        return s.packed != null ? Listpack.find(s.packed, k.bytes(), 1) >= 0 : slotOf(k) >= 0;
    }

    @Override
    public boolean add(Key member) {
        if (s.packed != null) {
            if (Listpack.find(s.packed, member.bytes(), 1) >= 0) {
                return false;
            }
            if (s.size < PACKED_MAX_MEMBERS && member.length() <= PACKED_MAX_LENGTH) {
                s.packed = Listpack.replace(s.packed, s.packed.length, s.packed.length, member.bytes());
                s.size++;
                s.modCount++;
                return true;
            }
            toTable();
        }
        int mask = s.table.length - 1;
        int i = home(member, mask);
        for (int p; (p = s.table[i]) != 0; i = (i + 1) & mask) {
            if (s.members[p - 1].equals(member)) {
                return false;
            }
        }
        if (s.size == s.members.length) {
            s.members = Arrays.copyOf(s.members, Math.max(4, s.size + (s.size >> 1)));
        }
        s.members[s.size++] = member;
        s.table[i] = s.size;
        s.modCount++;
        if (s.size * 2 > s.table.length) {
            rehash(s.table.length << 1);
        }
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        if (s.packed != null) {
            int at = Listpack.find(s.packed, k.bytes(), 1);
            if (at < 0) {
                return false;
            }
            s.packed = Listpack.moveLastInto(s.packed, at);
            s.size--;
            s.modCount++;
            return true;
        }
        int slot = slotOf(k);
        if (slot < 0) {
            return false;
        }
        removeAt(slot);
        return true;
    }

    @Override
    public void clear() {
        s.packed = Listpack.EMPTY;
        s.members = null;
        s.table = null;
        s.size = 0;
        s.modCount++;
    }

    /** Whether every member is an integer as Redis reads one (setTypeAdd's intset check). */
    boolean allIntegers() {
        if (s.packed == null) {
            for (int i = 0; i < s.size; i++) {
                if (s.members[i].length() > 20 || Numbers.parseLong(s.members[i].bytes()) == null) {
                    return false;
                }
            }
            return true;
        }
        for (int off = 0; off < s.packed.length; off = Listpack.next(s.packed, off)) {
            int from = Listpack.data(s.packed, off);
            int len = Listpack.length(s.packed, off);
            if (len > 20 || Numbers.parseLong(s.packed, from, from + len) == null) {
                return false;
            }
        }
        return true;
    }

    /** The packed members, or null once the set is a table. */
    byte[] packed() {
        return s.packed;
    }

    private void toTable() {
        Key[] all = new Key[Math.max(4, s.size + (s.size >> 1) + 1)];
        int i = 0;
        for (int off = 0; off < s.packed.length; off = Listpack.next(s.packed, off)) {
            all[i++] = new Key(Listpack.element(s.packed, off));
        }
        s.members = all;
        s.packed = null;
        int capacity = MIN_TABLE;
        while (capacity < s.size * 2 + 2) {
            capacity <<= 1;
        }
        rehash(capacity);
        s.modCount++;
    }

    @Override
    public Iterator<Key> iterator() {
        return new Iterator<>() {
            private int next;
            private int off; // while packed: where the member at next starts
            private Key current;
            private int expected = s.modCount;

            @Override
            public boolean hasNext() {
                return next < s.size;
            }

            @Override
            public Key next() {
                if (expected != s.modCount) {
                    throw new ConcurrentModificationException();
                }
                if (next >= s.size) {
                    throw new NoSuchElementException();
                }
                if (s.packed != null) {
                    current = new Key(Listpack.element(s.packed, off));
                    off = Listpack.next(s.packed, off);
                    next++;
                } else {
                    current = s.members[next++];
                }
                return current;
            }

            @Override
            public void remove() {
                if (current == null || expected != s.modCount) {
                    throw new IllegalStateException();
                }
                // the last member moves into the freed position: visit that position again
                MemberSet.this.remove(current);
                current = null;
                next--;
                if (s.packed != null) {
                    off = Listpack.seek(s.packed, next);
                }
                expected = s.modCount;
            }
        };
    }

    private static int home(Key member, int mask) {
        int h = member.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private int slotOf(Key member) {
        int mask = s.table.length - 1;
        for (int i = home(member, mask), p; (p = s.table[i]) != 0; i = (i + 1) & mask) {
            if (s.members[p - 1].equals(member)) {
                return i;
            }
        }
        return -1;
    }

    /** Frees a table slot, moves the last member into the freed position and shrinks when sparse. */
    private void removeAt(int slot) {
        int position = s.table[slot] - 1;
        deleteSlot(slot);
        int last = --s.size;
        if (position != last) {
            Key moved = s.members[last];
            s.members[position] = moved;
            s.table[slotOf(moved, last)] = position + 1;
        }
        s.members[last] = null;
        s.modCount++;
        if (s.table.length > MIN_TABLE && s.size * 8 < s.table.length) {
            rehash(Math.max(MIN_TABLE, Integer.highestOneBit(Math.max(1, s.size)) << 2));
            s.members = Arrays.copyOf(s.members, Math.max(4, s.size + (s.size >> 1)));
        }
    }

    /** The slot holding position. */
    private int slotOf(Key member, int position) {
        int mask = s.table.length - 1;
        int i = home(member, mask);
        while (s.table[i] != position + 1) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Linear probing's deletion: later entries of the probe run shift back, no tombstones. */
    private void deleteSlot(int slot) {
        int mask = s.table.length - 1;
        int gap = slot;
        for (int i = (slot + 1) & mask, p; (p = s.table[i]) != 0; i = (i + 1) & mask) {
            int home = home(s.members[p - 1], mask);
            // the entry at i may move to the gap when its home is not cyclically in (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                s.table[gap] = p;
                gap = i;
            }
        }
        s.table[gap] = 0;
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        for (int position = 0; position < s.size; position++) {
            int i = home(s.members[position], mask);
            while (fresh[i] != 0) {
                i = (i + 1) & mask;
            }
            fresh[i] = position + 1;
        }
        s.table = fresh;
    }
}
