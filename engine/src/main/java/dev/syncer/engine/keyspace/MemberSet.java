package dev.syncer.engine.keyspace;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A set of members with O(1) access by position, for SPOP and SRANDMEMBER (what Redis's
 * dictGetFairRandomKey gives a set's dict): the members sit densely in an array, and an
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

    private byte[] packed = Listpack.EMPTY; // the members while small; null once a table
    private Key[] members; // null while packed
    private int size;
    /** Position + 1 of a member (0: empty slot), linear probing; at most half full. Null while packed. */
    private int[] table;
    private int modCount;

    public MemberSet() {
    }

    public MemberSet(MemberSet other) {
        packed = other.packed;
        size = other.size;
        if (packed == null) {
            members = Arrays.copyOf(other.members, other.size);
            table = other.table.clone();
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The member at a position in [0, size): a uniform random member when the position is uniform. */
    public Key get(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException(position);
        }
        return packed != null ? new Key(Listpack.element(packed, Listpack.seek(packed, position))) : members[position];
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        return packed != null ? Listpack.find(packed, k.bytes(), 1) >= 0 : slotOf(k) >= 0;
    }

    @Override
    public boolean add(Key member) {
        if (packed != null) {
            if (Listpack.find(packed, member.bytes(), 1) >= 0) {
                return false;
            }
            if (size < PACKED_MAX_MEMBERS && member.length() <= PACKED_MAX_LENGTH) {
                packed = Listpack.replace(packed, packed.length, packed.length, member.bytes());
                size++;
                modCount++;
                return true;
            }
            toTable();
        }
        int mask = table.length - 1;
        int i = home(member, mask);
        for (int p; (p = table[i]) != 0; i = (i + 1) & mask) {
            if (members[p - 1].equals(member)) {
                return false;
            }
        }
        if (size == members.length) {
            members = Arrays.copyOf(members, Math.max(4, size + (size >> 1)));
        }
        members[size++] = member;
        table[i] = size;
        modCount++;
        if (size * 2 > table.length) {
            rehash(table.length << 1);
        }
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        if (packed != null) {
            int at = Listpack.find(packed, k.bytes(), 1);
            if (at < 0) {
                return false;
            }
            packed = Listpack.moveLastInto(packed, at);
            size--;
            modCount++;
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
        packed = Listpack.EMPTY;
        members = null;
        table = null;
        size = 0;
        modCount++;
    }

    /** Whether every member is an integer as Redis reads one (setTypeAdd's intset check). */
    boolean allIntegers() {
        if (packed == null) {
            for (int i = 0; i < size; i++) {
                if (members[i].length() > 20 || Numbers.parseLong(members[i].bytes()) == null) {
                    return false;
                }
            }
            return true;
        }
        for (int off = 0; off < packed.length; off = Listpack.next(packed, off)) {
            int from = Listpack.data(packed, off);
            int len = Listpack.length(packed, off);
            if (len > 20 || Numbers.parseLong(packed, from, from + len) == null) {
                return false;
            }
        }
        return true;
    }

    /** The packed members, or null once the set is a table. */
    byte[] packed() {
        return packed;
    }

    private void toTable() {
        Key[] all = new Key[Math.max(4, size + (size >> 1) + 1)];
        int i = 0;
        for (int off = 0; off < packed.length; off = Listpack.next(packed, off)) {
            all[i++] = new Key(Listpack.element(packed, off));
        }
        members = all;
        packed = null;
        int capacity = MIN_TABLE;
        while (capacity < size * 2 + 2) {
            capacity <<= 1;
        }
        rehash(capacity);
        modCount++;
    }

    @Override
    public Iterator<Key> iterator() {
        return new Iterator<>() {
            private int next;
            private int off; // while packed: where the member at next starts
            private Key current;
            private int expected = modCount;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Key next() {
                if (expected != modCount) {
                    throw new ConcurrentModificationException();
                }
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                if (packed != null) {
                    current = new Key(Listpack.element(packed, off));
                    off = Listpack.next(packed, off);
                    next++;
                } else {
                    current = members[next++];
                }
                return current;
            }

            @Override
            public void remove() {
                if (current == null || expected != modCount) {
                    throw new IllegalStateException();
                }
                // the last member moves into the freed position: visit that position again
                MemberSet.this.remove(current);
                current = null;
                next--;
                if (packed != null) {
                    off = Listpack.seek(packed, next);
                }
                expected = modCount;
            }
        };
    }

    private static int home(Key member, int mask) {
        int h = member.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private int slotOf(Key member) {
        int mask = table.length - 1;
        for (int i = home(member, mask), p; (p = table[i]) != 0; i = (i + 1) & mask) {
            if (members[p - 1].equals(member)) {
                return i;
            }
        }
        return -1;
    }

    /** Frees a table slot, moves the last member into the freed position and shrinks when sparse. */
    private void removeAt(int slot) {
        int position = table[slot] - 1;
        deleteSlot(slot);
        int last = --size;
        if (position != last) {
            Key moved = members[last];
            members[position] = moved;
            table[slotOf(moved, last)] = position + 1;
        }
        members[last] = null;
        modCount++;
        if (table.length > MIN_TABLE && size * 8 < table.length) {
            rehash(Math.max(MIN_TABLE, Integer.highestOneBit(Math.max(1, size)) << 2));
            members = Arrays.copyOf(members, Math.max(4, size + (size >> 1)));
        }
    }

    /** The slot holding position. */
    private int slotOf(Key member, int position) {
        int mask = table.length - 1;
        int i = home(member, mask);
        while (table[i] != position + 1) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Linear probing's deletion: later entries of the probe run shift back, no tombstones. */
    private void deleteSlot(int slot) {
        int mask = table.length - 1;
        int gap = slot;
        for (int i = (slot + 1) & mask, p; (p = table[i]) != 0; i = (i + 1) & mask) {
            int home = home(members[p - 1], mask);
            // the entry at i may move to the gap when its home is not cyclically in (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                table[gap] = p;
                gap = i;
            }
        }
        table[gap] = 0;
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        for (int position = 0; position < size; position++) {
            int i = home(members[position], mask);
            while (fresh[i] != 0) {
                i = (i + 1) & mask;
            }
            fresh[i] = position + 1;
        }
        table = fresh;
    }
}
