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
 */
public final class MemberSet extends AbstractSet<Key> {

    private static final Key[] NONE = new Key[0];
    private static final int MIN_TABLE = 8;

    private Key[] members = NONE;
    private int size;
    /** Position + 1 of a member (0: empty slot), linear probing; at most half full. */
    private int[] table = new int[MIN_TABLE];
    private int modCount;

    public MemberSet() {
    }

    public MemberSet(MemberSet other) {
        members = Arrays.copyOf(other.members, other.size);
        size = other.size;
        table = other.table.clone();
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
        return members[position];
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Key k && slotOf(k) >= 0;
    }

    @Override
    public boolean add(Key member) {
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
        int slot = slotOf(k);
        if (slot < 0) {
            return false;
        }
        removeAt(slot);
        return true;
    }

    @Override
    public void clear() {
        members = NONE;
        size = 0;
        table = new int[MIN_TABLE];
        modCount++;
    }

    @Override
    public Iterator<Key> iterator() {
        return new Iterator<>() {
            private int next;
            private int expected = modCount;
            private boolean removable;

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
                removable = true;
                return members[next++];
            }

            @Override
            public void remove() {
                if (!removable || expected != modCount) {
                    throw new IllegalStateException();
                }
                removable = false;
                // the last member moves into the freed position: visit that position again
                MemberSet.this.remove(members[--next]);
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
